import { sha256 } from '../core/hash.js';
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

/** A probe's field in the run's probe table (`redisKeys.probes`): its id and language. */
export const probeKey = (p: { id: string; lang: string }): string => `${p.id}\u0000${p.lang}`;

/**
 * What one job carries besides the run's manifest and probe table (loaded once per run by each
 * worker), kept small: Redis holds one of these per answer still to get.
 */
export interface AnswerJobData {
  runId: string;
  /** The model's canonical spec, as in the manifest. */
  model: string;
  /** The probe's `probeKey`. */
  probe: string;
  sample: number;
  arm: string;
  /** Prefill arm: the opening of the assistant turn. */
  prefill?: string;
  /** Follow-up arm: the direct answer that is followed up. */
  first?: string;
}

export function jobKey(d: Pick<AnswerJobData, 'model' | 'probe' | 'sample' | 'arm'>): string {
  const [id, lang] = d.probe.split('\u0000') as [string, string];
  return answerKey(d.model, id, lang, d.sample, d.arm);
}

/** Redis keys beside BullMQ's own. */
export const redisKeys = {
  /** Set of every queue name planned so far: workers listen on all of them. */
  queues: 'candor:queues',
  /** Hash of the run's probes, by `probeKey`, as JSON. */
  probes: (runId: string): string => `candor:run:${runId}:probes`,
  /**
   * Set of the run's job ids expected in this round: every answer stored or enqueued, and each
   * dependent answer (prefill, follow-up) once the direct answer it builds on is stored. Always
   * added before the job can finish, so `done + failed = planned` means the round is over.
   */
  planned: (runId: string): string => `candor:run:${runId}:planned`,
  /** Set of the run's job ids whose answer is stored (any outcome). */
  done: (runId: string): string => `candor:run:${runId}:done`,
  /** Set of the run's job ids that BullMQ gave up on (no answer stored). */
  failed: (runId: string): string => `candor:run:${runId}:failed`,
};

/** BullMQ connection options for a redis:// URL (workers need maxRetriesPerRequest: null). */
export function connectionFor(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}

/** Options of every answer job: removed once done; a failure is kept a week, so followers can count it. */
export function jobOptions(id: string, attempts: number): {
  jobId: string; attempts: number; backoff: { type: 'exponential'; delay: number }; removeOnComplete: true; removeOnFail: { age: number };
} {
  return { jobId: id, attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };
}
