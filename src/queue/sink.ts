import type { Queue } from 'bullmq';
import type { ChainableCommander, Redis } from 'ioredis';
import type { GenerateResult } from '../core/types.js';
import type { RunStore, StoredResult } from '../store/types.js';
import { DEFAULT_MAX_BATCH } from './defaults.js';
import { jobOptions, redisKeys, type AnswerJobData } from './keys.js';

/** One answer a worker got, with what storing it sets off. */
export interface CompletedAnswer {
  runId: string;
  jobId: string;
  stored: StoredResult;
  cacheEntry?: { key: string; result: GenerateResult } | undefined;
  /** Jobs that build on this answer (prefill, follow-up), enqueued once it is stored, in `queue`. */
  next: readonly { id: string; data: AnswerJobData }[];
  queue: string;
  attempts: number;
}

export interface SinkOptions {
  store: RunStore;
  redis: Redis;
  /** The queue to enqueue dependent jobs in. */
  queue: (name: string) => Queue;
  /** Most answers per write. */
  maxBatch?: number;
  /** How long an answer may wait for others to share its write; 0: only those that arrive while a write is under way. */
  lingerMs?: number;
  /** Answers waiting after which the write starts without lingering further (default maxBatch). */
  flushAt?: number;
}

interface Entry { answer: CompletedAnswer; resolve: () => void; reject: (e: unknown) => void }

/**
 * Group commit: answers that complete while a write is under way share the next one (one store
 * transaction for the answers, one for the cache, a few Redis round trips). `add` resolves once
 * the answer is stored, its dependent jobs are planned and enqueued, and it is recorded done;
 * only then may the job be acknowledged, so a worker lost at any point leaves a job that is
 * retried, and the retry's upsert by the answer's key stores nothing twice.
 */
export class AnswerSink {
  private buffer: Entry[] = [];
  private running: Promise<void> | undefined;
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private readonly flushAt: number;
  private wake: (() => void) | undefined;

  constructor(private readonly o: SinkOptions) {
    this.maxBatch = o.maxBatch ?? DEFAULT_MAX_BATCH;
    this.lingerMs = o.lingerMs ?? 0;
    this.flushAt = Math.min(o.flushAt ?? this.maxBatch, this.maxBatch);
  }

  add(answer: CompletedAnswer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.buffer.push({ answer, resolve, reject });
      this.running ??= this.drain().finally(() => {
        this.running = undefined;
      });
      if (this.buffer.length >= this.flushAt) this.wake?.();
    });
  }

  /** Resolves when everything added so far is written (or has failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let answers that arrive in the same turn of the event loop (or within lingerMs, until flushAt are waiting) join in.
    await new Promise<void>((resolve) => {
      const timer = this.lingerMs > 0 ? setTimeout(resolve, this.lingerMs) : setImmediate(resolve);
      this.wake = () => {
        if (this.lingerMs > 0) clearTimeout(timer as NodeJS.Timeout);
        else clearImmediate(timer as NodeJS.Immediate);
        resolve();
      };
    });
    this.wake = undefined;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.maxBatch);
      try {
        await this.commit(batch.map((e) => e.answer));
        for (const e of batch) e.resolve();
      } catch (err) {
        for (const e of batch) e.reject(err);
      }
    }
  }

  private async commit(batch: readonly CompletedAnswer[]): Promise<void> {
    const { store, redis } = this.o;
    const cache = batch.flatMap((a) => (a.cacheEntry ? [a.cacheEntry] : []));
    const results = batch.map((a) => a.stored);
    if (store.saveBatch) await store.saveBatch(results, cache);
    else await Promise.all([store.saveResults(results), cache.length ? store.cachePut(cache) : undefined]);
    // Dependent answers are planned before they can be done: the follower never sees the round as over early.
    const next = batch.filter((a) => a.next.length > 0);
    if (next.length > 0) {
      const m = redis.multi();
      for (const a of next) m.sadd(redisKeys.planned(a.runId), ...a.next.map((j) => j.id));
      await exec(m);
      await Promise.all([...groupBy(next, (a) => a.queue)].map(([name, answers]) => this.o.queue(name).addBulk(answers.flatMap((a) =>
        a.next.map((j) => ({ name: 'answer', data: j.data, opts: jobOptions(j.id, a.attempts) }))))));
    }
    const m = redis.multi();
    for (const [runId, answers] of groupBy(batch, (a) => a.runId)) {
      const ids = answers.map((a) => a.jobId);
      m.sadd(redisKeys.done(runId), ...ids).srem(redisKeys.failed(runId), ...ids);
    }
    await exec(m);
  }
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const list = out.get(key(x));
    if (list) list.push(x);
    else out.set(key(x), [x]);
  }
  return out;
}

/** Runs a MULTI; a command's error (which ioredis returns, not throws) is thrown. */
export async function exec(m: ChainableCommander): Promise<unknown[]> {
  const replies = await m.exec();
  if (!replies) throw new Error('Redis transaction aborted');
  for (const [err] of replies) if (err) throw err;
  return replies.map(([, v]) => v);
}
