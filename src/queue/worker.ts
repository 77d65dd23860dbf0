import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { StoreError } from '../core/errors.js';
import type { ArmDefinition, ModelEntry, RunManifest } from '../core/manifest.js';
import type { Judge, Outcome, Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { executeJob, type GenerationSettings } from '../runner/execute.js';
import { DEFAULT_RETRY, describeError } from '../runner/retry.js';
import type { RunStore } from '../store/types.js';
import { dependentArms, dependentsOf, jobMessages, runArms } from './arms-jobs.js';
import { connectionFor, jobIdFor, jobKey, redisKeys, type AnswerJobData } from './keys.js';
import { DEFAULT_LINGER_MS } from './defaults.js';
import { AnswerSink } from './sink.js';
import { Slots } from './slots.js';

export type WorkerEvent =
  | { type: 'queue'; name: string }
  | { type: 'answer'; runId: string; model: string; arm: string; probeId: string; lang: string; outcome: Outcome; cached: boolean }
  | { type: 'skipped'; runId: string; jobId: string }
  | { type: 'failed'; jobId: string; error: string; final: boolean };

export interface QueueWorkerOptions {
  redisUrl: string;
  store: RunStore;
  /** Builds a run's provider from its manifest entry; API keys come from the worker's environment. */
  makeProvider: (entry: ModelEntry, manifest: RunManifest) => Promise<Provider>;
  /** The judge the run's manifest names. */
  makeJudge: (manifest: RunManifest) => Judge;
  /** Requests in flight per queue in this process (the queue's global concurrency caps all workers together). */
  concurrency: number;
  /** How long a job's lock lasts without renewal; a killed worker's job is retried after about this long. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. */
  stalledIntervalMs?: number;
  /** Stalls (worker lost mid-job) after which a job is given up on. */
  maxStalledCount?: number;
  /** Most answers per store write (group commit; see AnswerSink). */
  maxBatch?: number;
  /**
   * How long an answer waits for others to share its write (default 50 ms). Its request slot is
   * free meanwhile: a worker holds up to half as many jobs again as it asks at once.
   */
  lingerMs?: number;
  onEvent?: (e: WorkerEvent) => void;
  /** How often new queues are looked for. */
  discoverMs?: number;
  /** How long a run with no job keeps its providers and probe table in memory. */
  forgetRunMs?: number;
}

interface RunContext {
  settings: GenerationSettings;
  providers: Map<string, Provider>;
  probes: Map<string, Probe>;
  arms: Map<string, ArmDefinition>;
  allArms: ArmDefinition[];
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
 * retries, outcome, verdict) and hands it to an AnswerSink, which stores answers in batches (an
 * upsert by the answer's key, so a retried job never duplicates), enqueues the prefill and
 * follow-up jobs a direct answer leads to, and records them done; a job is acknowledged only
 * then. A job whose answer is already recorded is skipped.
 */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorker> {
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  await redis.ping();
  const workers = new Map<string, Worker>();
  const queues = new Map<string, Queue>();
  const runs = new Map<string, Promise<RunContext>>();
  const hard = new AbortController();
  const queueOf = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = new Queue(name, { connection: connectionFor(o.redisUrl) })));
    return q;
  };
  const lingerMs = o.lingerMs ?? DEFAULT_LINGER_MS;
  // Jobs held beyond those being asked: the answers waiting for their write. A write starts once
  // that many wait, so the requests in flight never drop for want of a job.
  const extra = lingerMs > 0 ? Math.ceil(o.concurrency / 2) : 0;
  const sink = new AnswerSink({
    store: o.store, redis, queue: queueOf, lingerMs, flushAt: Math.max(1, extra),
    ...(o.maxBatch !== undefined && { maxBatch: o.maxBatch }),
  });
  const slots = new Map<string, Slots>();

  const lastUsed = new Map<string, number>();
  const contextFor = (runId: string): Promise<RunContext> => {
    lastUsed.set(runId, performance.now());
    let ctx = runs.get(runId);
    if (!ctx) {
      ctx = (async () => {
        const run = await o.store.getRun(runId);
        if (!run) throw new StoreError(`run ${runId} is not in the store this worker uses`);
        const table = await redis.hgetall(redisKeys.probes(runId));
        const probes = new Map(Object.entries(table).map(([k, v]) => [k, JSON.parse(v) as Probe]));
        if (probes.size === 0) throw new StoreError(`run ${runId} has no probe table in Redis; plan it again: candor audit --resume ${runId} --queue …`);
        const m = run.manifest;
        const providers = new Map<string, Provider>();
        for (const entry of m.models) providers.set(entry.spec, await o.makeProvider(entry, m));
        const allArms = runArms(m);
        return { settings: settingsFromManifest(m), providers, probes, arms: new Map(allArms.map((a) => [a.name, a])), allArms, judge: o.makeJudge(m) };
      })();
      ctx.catch(() => runs.delete(runId)); // a failed setup is tried again by the next job
      runs.set(runId, ctx);
    }
    return ctx;
  };

  const busy = new Map<string, number>(); // jobs in hand per run
  const processor = async (job: Job<AnswerJobData>): Promise<void> => {
    busy.set(job.data.runId, (busy.get(job.data.runId) ?? 0) + 1);
    try {
      await answer(job);
    } finally {
      const n = busy.get(job.data.runId)! - 1;
      if (n > 0) busy.set(job.data.runId, n);
      else busy.delete(job.data.runId);
    }
  };

  const answer = async (job: Job<AnswerJobData>): Promise<void> => {
    const d = job.data;
    const id = job.id!;
    if (await redis.sismember(redisKeys.done(d.runId), id)) {
      o.onEvent?.({ type: 'skipped', runId: d.runId, jobId: id });
      return;
    }
    const ctx = await contextFor(d.runId);
    const provider = ctx.providers.get(d.model);
    const probe = ctx.probes.get(d.probe);
    const arm = ctx.arms.get(d.arm);
    if (!provider || !probe || !arm) throw new StoreError(`run ${d.runId} has no ${!provider ? `model ${d.model}` : !probe ? 'such probe' : `arm ${d.arm}`}`);
    const messages = jobMessages(d, arm, probe, ctx.settings.systemPrompt);
    const release = await slots.get(job.queueName)!.acquire();
    let x;
    try {
      x = await executeJob({ provider, probe, sample: d.sample, arm: d.arm, ...(messages && { messages }) }, {
        runId: d.runId, settings: ctx.settings, store: o.store, judge: ctx.judge, signal: hard.signal,
        random: Math.random, now: () => performance.now(),
      });
    } finally {
      release();
    }
    // A rejected key is this worker's problem, not the answer's: another worker (or a retry) may hold a good one.
    if (x.error?.kind === 'auth') throw x.error;
    const r = x.stored.response;
    const next = arm.kind !== 'direct' ? [] : dependentsOf({ runId: d.runId, model: d.model, probe, sample: d.sample }, provider.kind,
      dependentArms(ctx.allArms, d.model), { outcome: r.outcome, label: x.stored.verdict?.label ?? null, text: r.text, reasoning: r.reasoning })
      .map((data) => ({ id: jobIdFor(d.runId, jobKey(data)), data }));
    await sink.add({ runId: d.runId, jobId: id, stored: x.stored, cacheEntry: x.cacheEntry, next, queue: job.queueName, attempts: job.opts.attempts ?? 1 });
    o.onEvent?.({ type: 'answer', runId: d.runId, model: r.model, arm: r.arm, probeId: r.probeId, lang: r.lang, outcome: r.outcome, cached: r.cached });
  };

  const listen = async (): Promise<void> => {
    for (const name of await redis.smembers(redisKeys.queues)) {
      if (workers.has(name)) continue;
      slots.set(name, new Slots(o.concurrency));
      const w = new Worker<AnswerJobData>(name, processor, {
        connection: connectionFor(o.redisUrl),
        concurrency: o.concurrency + extra,
        lockDuration: o.lockDurationMs ?? 30_000,
        stalledInterval: o.stalledIntervalMs ?? 15_000,
        maxStalledCount: o.maxStalledCount ?? 3,
      });
      w.on('failed', (job, err) => {
        if (!job?.id) return;
        const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
        const message = err.name === 'ProviderError' ? describeError(err as never) : err.message;
        o.onEvent?.({ type: 'failed', jobId: job.id, error: message, final });
        // The follower also finds jobs given up on in BullMQ's failed set (a stalled job's, say).
        if (final) void redis.sadd(redisKeys.failed(job.data.runId), job.id).catch(() => undefined);
      });
      w.on('error', () => undefined); // connection trouble: BullMQ reconnects
      workers.set(name, w);
      o.onEvent?.({ type: 'queue', name });
    }
  };
  await listen();
  // A run's providers and probe table are dropped once it has had no job for a while (a long-lived
  // worker serves many runs); a later job of the run loads them again.
  const forget = async (): Promise<void> => {
    for (const [runId, at] of lastUsed) {
      if (performance.now() - at < (o.forgetRunMs ?? 10 * 60_000) || busy.has(runId)) continue;
      const ctx = runs.get(runId);
      runs.delete(runId);
      lastUsed.delete(runId);
      const c = await ctx?.catch(() => undefined);
      if (c) await Promise.all([...c.providers.values()].map((p) => p.close?.()));
    }
  };
  const timer = setInterval(() => void listen().then(forget).catch(() => undefined), o.discoverMs ?? 1000);

  return {
    async close() {
      clearInterval(timer);
      await Promise.all([...workers.values()].map((w) => w.close()));
      await sink.idle();
      hard.abort();
      await Promise.all([...queues.values()].map((q) => q.close()));
      for (const ctx of runs.values()) {
        const c = await ctx.catch(() => undefined);
        if (c) await Promise.all([...c.providers.values()].map((p) => p.close?.()));
      }
      redis.disconnect();
    },
  };
}
