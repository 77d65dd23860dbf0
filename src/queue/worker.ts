import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { StoreError } from '../core/errors.js';
import type { ModelEntry, RunManifest } from '../core/manifest.js';
import type { Judge, Outcome } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { executeJob, type GenerationSettings } from '../runner/execute.js';
import { DEFAULT_RETRY, describeError } from '../runner/retry.js';
import type { RunStore } from '../store/types.js';
import { connectionFor, redisKeys, type AnswerJobData } from './keys.js';

export type WorkerEvent =
  | { type: 'queue'; name: string }
  | { type: 'answer'; runId: string; model: string; probeId: string; lang: string; outcome: Outcome; cached: boolean }
  | { type: 'skipped'; runId: string; jobId: string }
  | { type: 'failed'; jobId: string; error: string; final: boolean };

export interface QueueWorkerOptions {
  redisUrl: string;
  store: RunStore;
  /** Builds a run's provider from its manifest entry; API keys come from the worker's environment. */
  makeProvider: (entry: ModelEntry, manifest: RunManifest) => Promise<Provider>;
  /** The judge the run's manifest names. */
  makeJudge: (manifest: RunManifest) => Judge;
  /** Jobs in flight per queue in this process (the queue's global concurrency caps all workers together). */
  concurrency: number;
  /** How long a job's lock lasts without renewal; a killed worker's job is retried after about this long. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. */
  stalledIntervalMs?: number;
  /** Stalls (worker lost mid-job) after which a job is given up on. */
  maxStalledCount?: number;
  onEvent?: (e: WorkerEvent) => void;
  /** How often new queues are looked for. */
  discoverMs?: number;
}

interface RunContext {
  settings: GenerationSettings;
  providers: Map<string, Provider>;
  judge: Judge;
}

export interface QueueWorker {
  /** Stops taking jobs, lets those in flight finish and be stored, then disconnects. */
  close(): Promise<void>;
}

export function settingsFromManifest(m: RunManifest): GenerationSettings {
  const p = m.params;
  return {
    seed: p.seed, maxTokens: p.maxTokens, timeoutMs: p.timeoutMs, cache: p.cache,
    ...(p.temperature !== undefined && { temperature: p.temperature }),
    ...(p.systemPrompt !== undefined && { systemPrompt: p.systemPrompt }),
    retry: { ...DEFAULT_RETRY, maxAttempts: p.maxAttempts },
  };
}

/**
 * Takes answer jobs from every Candor queue in Redis: gets each answer with `executeJob` (cache,
 * retries, outcome, verdict), stores it (an upsert by the answer's key, so a retried job never
 * duplicates) and records it done. A job whose answer is already recorded is skipped.
 */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorker> {
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  await redis.ping();
  const workers = new Map<string, Worker>();
  const runs = new Map<string, Promise<RunContext>>();
  const hard = new AbortController();

  const contextFor = (runId: string): Promise<RunContext> => {
    let ctx = runs.get(runId);
    if (!ctx) {
      ctx = (async () => {
        const run = await o.store.getRun(runId);
        if (!run) throw new StoreError(`run ${runId} is not in the store this worker uses`);
        const m = run.manifest;
        const providers = new Map<string, Provider>();
        for (const entry of m.models) providers.set(entry.spec, await o.makeProvider(entry, m));
        return { settings: settingsFromManifest(m), providers, judge: o.makeJudge(m) };
      })();
      ctx.catch(() => runs.delete(runId)); // a failed setup is tried again by the next job
      runs.set(runId, ctx);
    }
    return ctx;
  };

  const processor = async (job: Job<AnswerJobData>): Promise<void> => {
    const d = job.data;
    const id = job.id!;
    if (await redis.sismember(redisKeys.done(d.runId), id)) {
      o.onEvent?.({ type: 'skipped', runId: d.runId, jobId: id });
      return;
    }
    const ctx = await contextFor(d.runId);
    const provider = ctx.providers.get(d.model);
    if (!provider) throw new StoreError(`run ${d.runId} has no model ${d.model}`);
    const x = await executeJob({ provider, probe: d.probe, sample: d.sample, arm: d.arm }, {
      runId: d.runId, settings: ctx.settings, store: o.store, judge: ctx.judge, signal: hard.signal,
      random: Math.random, now: () => performance.now(),
    });
    // A rejected key is this worker's problem, not the answer's: another worker (or a retry) may hold a good one.
    if (x.error?.kind === 'auth') throw x.error;
    await o.store.saveResults([x.stored]);
    if (x.cacheEntry) await o.store.cachePut([x.cacheEntry]);
    await redis.sadd(redisKeys.done(d.runId), id);
    const r = x.stored.response;
    o.onEvent?.({ type: 'answer', runId: d.runId, model: r.model, probeId: r.probeId, lang: r.lang, outcome: r.outcome, cached: r.cached });
  };

  const listen = async (): Promise<void> => {
    for (const name of await redis.smembers(redisKeys.queues)) {
      if (workers.has(name)) continue;
      const w = new Worker<AnswerJobData>(name, processor, {
        connection: connectionFor(o.redisUrl),
        concurrency: o.concurrency,
        lockDuration: o.lockDurationMs ?? 30_000,
        stalledInterval: o.stalledIntervalMs ?? 15_000,
        maxStalledCount: o.maxStalledCount ?? 3,
      });
      w.on('failed', (job, err) => {
        if (!job?.id) return;
        const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
        const message = err.name === 'ProviderError' ? describeError(err as never) : err.message;
        o.onEvent?.({ type: 'failed', jobId: job.id, error: message, final });
        if (final) void redis.sadd(redisKeys.failed(job.data.runId), job.id).catch(() => undefined);
      });
      w.on('error', () => undefined); // connection trouble: BullMQ reconnects
      workers.set(name, w);
      o.onEvent?.({ type: 'queue', name });
    }
  };
  await listen();
  const timer = setInterval(() => void listen().catch(() => undefined), o.discoverMs ?? 1000);

  return {
    async close() {
      clearInterval(timer);
      await Promise.all([...workers.values()].map((w) => w.close()));
      hard.abort();
      for (const ctx of runs.values()) {
        const c = await ctx.catch(() => undefined);
        if (c) await Promise.all([...c.providers.values()].map((p) => p.close?.()));
      }
      redis.disconnect();
    },
  };
}
