import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ArmDefinition } from '../core/manifest.js';
import type { Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { DIRECT } from '../runner/arms.js';
import { drawKey, loadDirect } from '../runner/arms-plan.js';
import type { DirectAnswer } from '../runner/arms.js';
import { answerKey, type RunStore } from '../store/types.js';
import { dependentArms, dependentsOf, firstStageArms } from './arms-jobs.js';
import { connectionFor, jobIdFor, jobKey, jobOptions, probeKey, queueNameFor, redisKeys, type AnswerJobData } from './keys.js';

export interface PlanOptions {
  redisUrl: string;
  store: RunStore;
  runId: string;
  providers: readonly Provider[];
  probes: readonly Probe[];
  samples: number;
  /** The run's arms (with unsupported models filled in, as in the manifest); default: direct only. */
  arms?: readonly ArmDefinition[];
  /** Requests in flight per endpoint, across all workers. */
  concurrency: number;
  /** Request starts per second per endpoint, across all workers; unset = unlimited. */
  rps?: number;
  /** BullMQ attempts per job (a failure of the worker or the store, not of the model: those are stored answers). */
  attempts?: number;
}

export interface Plan {
  /** Answers planned so far: stored or enqueued. Dependent answers (prefill, follow-up) join as their direct answers are stored. */
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
 * global concurrency and rate limit: the direct and system arms at once; a prefill or follow-up
 * at once when the direct answer it builds on is stored already, else by the worker that stores
 * it. Re-planning a run adds only what is missing; a job still waiting keeps its place (same job
 * id), and one BullMQ gave up on is replaced.
 */
export async function planRun(o: PlanOptions): Promise<Plan> {
  const arms = o.arms ?? [{ name: DIRECT, kind: 'direct' as const }];
  const done = await o.store.doneKeys(o.runId);
  const anyDependent = o.providers.some((p) => dependentArms(arms, p.id).length > 0);
  const direct = anyDependent ? await loadDirect(o.store, o.runId, arms) : new Map<string, DirectAnswer>();
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  const queues = new Map<string, Queue>();
  let total = 0;
  let enqueued = 0;
  try {
    // The round's plan is rebuilt from the store: a stale entry would keep the follower waiting.
    await redis.del(redisKeys.planned(o.runId));
    for (let i = 0; i < o.probes.length; i += CHUNK) {
      const chunk = o.probes.slice(i, i + CHUNK).flatMap((p) => [probeKey(p), JSON.stringify(p)]);
      await redis.hset(redisKeys.probes(o.runId), ...chunk);
    }
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
      // Jobs given up on earlier are kept (for followers to count): they must go before re-adding.
      const givenUp = new Set(await queue.getRanges(['failed'], 0, -1));
      let pending: { data: AnswerJobData; id: string }[] = [];
      let stored: string[] = [];
      let unset: string[] = [];
      const flush = async (): Promise<void> => {
        const ids = pending.map((j) => j.id);
        const m = redis.multi();
        if (stored.length + ids.length) m.sadd(redisKeys.planned(o.runId), ...stored, ...ids);
        if (stored.length) m.sadd(redisKeys.done(o.runId), ...stored);
        if (ids.length + unset.length) m.srem(redisKeys.done(o.runId), ...ids, ...unset).srem(redisKeys.failed(o.runId), ...ids, ...unset);
        await m.exec();
        for (const id of ids) if (givenUp.has(id)) await queue.remove(id);
        if (pending.length) await queue.addBulk(pending.map((j) => ({ name: 'answer', data: j.data, opts: jobOptions(j.id, o.attempts ?? 5) })));
        total += stored.length + ids.length;
        enqueued += ids.length;
        pending = [];
        stored = [];
        unset = [];
      };
      const add = (data: AnswerJobData): void => {
        const id = jobIdFor(o.runId, jobKey(data));
        if (done.has(jobKey(data))) stored.push(id);
        else pending.push({ id, data });
      };
      for (const provider of providers) {
        const first = firstStageArms(arms, provider.id);
        const second = dependentArms(arms, provider.id);
        for (const probe of o.probes) {
          for (let sample = 0; sample < o.samples; sample++) {
            const base = { runId: o.runId, model: provider.id, probe: probeKey(probe), sample };
            for (const arm of first) add({ ...base, arm: arm.name });
            const d = done.has(answerKey(provider.id, probe.id, probe.lang, sample, DIRECT))
              ? direct.get(drawKey(provider.id, probe.id, probe.lang, sample)) : undefined;
            const now = d ? dependentsOf({ ...base, probe }, provider.kind, second, d) : [];
            for (const arm of second) {
              const job = now.find((j) => j.arm === arm.name);
              const key = answerKey(provider.id, probe.id, probe.lang, sample, arm.name);
              if (job || done.has(key)) add(job ?? { ...base, arm: arm.name });
              // Not asked now (its direct answer is still to come, or needs no follow-up): an
              // earlier error of it must not count as stored when a worker enqueues it later.
              else unset.push(jobIdFor(o.runId, key));
            }
            if (pending.length + stored.length + unset.length >= CHUNK) await flush();
          }
        }
      }
      await flush();
    }
    return { total, skipped: total - enqueued, enqueued, queues: [...queues.keys()] };
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
    redis.disconnect();
  }
}
