import { sha256 } from '../core/hash.js';
import type { Probe } from '../core/types.js';
import { answerKey } from '../store/types.js';

/**
 * One BullMQ queue per endpoint concurrency key (a provider's `concurrencyKey()`): BullMQ's global
 * concurrency and rate limit are per queue, so they then hold for each endpoint across all workers.
 */
export function queueNameFor(concurrencyKey: string): string {
  return `candor-ep-${sha256(concurrencyKey).slice(0, 16)}`;
}

/** The job id: a hash of the run and the answer's key, so enqueueing an answer twice adds one job. */
export function jobIdFor(runId: string, key: string): string {
  return sha256(`${runId}\u0000${key}`).slice(0, 40);
}

/** What one job carries: everything a worker needs besides the run's manifest. */
export interface AnswerJobData {
  runId: string;
  /** The model's canonical spec, as in the manifest. */
  model: string;
  probe: Probe;
  sample: number;
  arm: string;
}

export function jobKey(d: AnswerJobData): string {
  return answerKey(d.model, d.probe.id, d.probe.lang, d.sample, d.arm);
}

/** Redis keys beside BullMQ's own. */
export const redisKeys = {
  /** Set of every queue name planned so far: workers listen on all of them. */
  queues: 'candor:queues',
  /** Set of the run's job ids whose answer is stored (any outcome). */
  done: (runId: string): string => `candor:run:${runId}:done`,
  /** Set of the run's job ids that BullMQ gave up on (no answer stored). */
  failed: (runId: string): string => `candor:run:${runId}:failed`,
};

/** BullMQ connection options for a redis:// URL (workers need maxRetriesPerRequest: null). */
export function connectionFor(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}
