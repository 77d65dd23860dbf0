import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { abortableSleep } from '../runner/retry.js';
import type { RunStore } from '../store/types.js';
import { connectionFor, redisKeys } from './keys.js';
import { exec } from './sink.js';

export interface FollowProgress {
  /** Answers stored (any outcome), those stored before this round included. */
  done: number;
  /** Jobs BullMQ gave up on: no answer stored. */
  failed: number;
  /** Answers planned so far (grows as direct answers lead to prefill and follow-up jobs). */
  total: number;
}

export interface FollowOptions {
  redisUrl: string;
  store: RunStore;
  runId: string;
  /** The run's queues, searched for jobs BullMQ gave up on. */
  queues: readonly string[];
  signal: AbortSignal;
  onProgress?: (p: FollowProgress) => void;
  /** A job given up on (at most `maxReported` are reported; all are counted). */
  onFailed?: (jobId: string, reason: string) => void;
  maxReported?: number;
  pollMs?: number;
  /** How often BullMQ's failed sets are searched (a job given up on after stalling has no worker to record it). */
  reconcileMs?: number;
}

/**
 * Waits until every planned answer of a run is stored or given up on, reporting progress, then
 * marks the run complete (or failed, if any job was given up on) and clears its Redis keys.
 * Returns early, leaving the run to the workers, when `signal` aborts (`interrupted` true).
 */
export async function followRun(o: FollowOptions): Promise<FollowProgress & { interrupted: boolean }> {
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  const queues = o.queues.map((name) => new Queue(name, { connection: connectionFor(o.redisUrl) }));
  const reported = new Set<string>();
  const reconcileMs = o.reconcileMs ?? 2000;
  let last = '';
  let reconciled = performance.now();
  try {
    for (;;) {
      const [planned, done, failed] = (await exec(redis.multi()
        .scard(redisKeys.planned(o.runId)).scard(redisKeys.done(o.runId)).scard(redisKeys.failed(o.runId)))) as number[];
      const p = { done: done!, failed: failed!, total: planned! };
      if (failed! > reported.size && reported.size < (o.maxReported ?? 20)) await report(redis, queues, o, reported);
      if (`${done}/${failed}/${planned}` !== last) {
        last = `${done}/${failed}/${planned}`;
        o.onProgress?.(p);
      }
      if (done! + failed! >= planned!) {
        await o.store.setRunStatus(o.runId, failed! > 0 ? 'failed' : 'complete');
        await redis.del(redisKeys.planned(o.runId), redisKeys.done(o.runId), redisKeys.failed(o.runId), redisKeys.probes(o.runId));
        return { ...p, interrupted: false };
      }
      if (performance.now() - reconciled >= reconcileMs) {
        await collectGivenUp(redis, queues, o.runId);
        reconciled = performance.now();
      }
      await abortableSleep(o.pollMs ?? 250, o.signal);
      if (o.signal.aborted) return { ...p, interrupted: true };
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    redis.disconnect();
  }
}

/**
 * Adds to the run's failed set the jobs of the run that BullMQ gave up on, whoever noticed: a
 * worker's own failure is recorded by that worker, but a job that stalled too often is failed by
 * another worker's stalled-job check, with no handler of ours involved.
 */
async function collectGivenUp(redis: Redis, queues: readonly Queue[], runId: string): Promise<void> {
  for (const q of queues) {
    const ids = await q.getRanges(['failed'], 0, -1);
    if (ids.length === 0) continue;
    const [planned, done] = (await exec(redis.multi().smismember(redisKeys.planned(runId), ...ids).smismember(redisKeys.done(runId), ...ids))) as number[][];
    const ours = ids.filter((_, i) => planned![i] === 1 && done![i] === 0);
    if (ours.length > 0) await redis.sadd(redisKeys.failed(runId), ...ours);
  }
}

/** Reports jobs given up on, with BullMQ's reason, once each. */
async function report(redis: Redis, queues: readonly Queue[], o: FollowOptions, reported: Set<string>): Promise<void> {
  for (const id of await redis.smembers(redisKeys.failed(o.runId))) {
    if (reported.has(id) || reported.size >= (o.maxReported ?? 20)) continue;
    reported.add(id);
    let reason = 'no reason recorded';
    for (const q of queues) {
      const job = await q.getJob(id);
      if (job) {
        // Terminal-safe: a reason may quote an endpoint's reply.
        // eslint-disable-next-line no-control-regex
        reason = (job.failedReason || reason).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 300);
        break;
      }
    }
    o.onFailed?.(id, reason);
  }
}
