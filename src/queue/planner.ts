import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { answerKey, type RunStore } from '../store/types.js';
import { connectionFor, jobIdFor, queueNameFor, redisKeys, type AnswerJobData } from './keys.js';

export interface PlanOptions {
  redisUrl: string;
  store: RunStore;
  runId: string;
  providers: readonly Provider[];
  probes: readonly Probe[];
  samples: number;
  /** Experimental arms; default ['direct']. */
  arms?: readonly string[];
  /** Requests in flight per endpoint, across all workers. */
  concurrency: number;
  /** Request starts per second per endpoint, across all workers; unset = unlimited. */
  rps?: number;
  /** BullMQ attempts per job (a failure of the worker or the store, not of the model: those are stored answers). */
  attempts?: number;
}

export interface Plan {
  /** Answers the run has in all (item × model × draw × arm). */
  total: number;
  /** Answers already stored: not enqueued. */
  skipped: number;
  enqueued: number;
  queues: string[];
}

/** Jobs added per round trip. */
const CHUNK = 500;

/**
 * Enqueues one job per answer not yet stored, in one queue per endpoint, and sets each queue's
 * global concurrency and rate limit. Re-planning a run adds only what is missing; a job still
 * waiting keeps its place (same job id).
 */
export async function planRun(o: PlanOptions): Promise<Plan> {
  const arms = o.arms ?? ['direct'];
  const done = await o.store.doneKeys(o.runId);
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  const queues = new Map<string, Queue>();
  let total = 0;
  let enqueued = 0;
  try {
    const groups = new Map<string, Provider[]>();
    for (const p of o.providers) groups.set(p.concurrencyKey(), [...(groups.get(p.concurrencyKey()) ?? []), p]);
    for (const [key, providers] of groups) {
      const name = queueNameFor(key);
      const queue = new Queue(name, { connection: connectionFor(o.redisUrl) });
      queues.set(name, queue);
      const limit = Math.min(o.concurrency, ...providers.map((p) => p.maxConcurrency ?? Infinity));
      await queue.setGlobalConcurrency(limit);
      // One start per 1/rps seconds (not rps per second): BullMQ's window is fixed, so a wide
      // window would allow a burst of twice the rate across a window boundary.
      if (o.rps) await queue.setGlobalRateLimit(1, Math.max(1, Math.round(1000 / o.rps)));
      else await queue.removeGlobalRateLimit();
      await redis.sadd(redisKeys.queues, name);
      let pending: { data: AnswerJobData; id: string }[] = [];
      let stored: string[] = [];
      const flush = async (): Promise<void> => {
        if (stored.length) await redis.sadd(redisKeys.done(o.runId), ...stored);
        if (pending.length) {
          const ids = pending.map((j) => j.id);
          await redis.multi().srem(redisKeys.done(o.runId), ...ids).srem(redisKeys.failed(o.runId), ...ids).exec();
          await queue.addBulk(pending.map((j) => ({
            name: 'answer', data: j.data,
            opts: { jobId: j.id, attempts: o.attempts ?? 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true },
          })));
        }
        enqueued += pending.length;
        pending = [];
        stored = [];
      };
      for (const provider of providers) for (const probe of o.probes) for (let sample = 0; sample < o.samples; sample++) for (const arm of arms) {
        total++;
        const key = answerKey(provider.id, probe.id, probe.lang, sample, arm);
        const id = jobIdFor(o.runId, key);
        if (done.has(key)) stored.push(id);
        else pending.push({ id, data: { runId: o.runId, model: provider.id, probe, sample, arm } });
        if (pending.length + stored.length >= CHUNK) await flush();
      }
      await flush();
    }
    return { total, skipped: total - enqueued, enqueued, queues: [...queues.keys()] };
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
    redis.disconnect();
  }
}
