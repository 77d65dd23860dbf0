import type { ProviderError } from '../core/errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Longest Retry-After we honour; longer ones are capped so a run never stalls for hours. */
const MAX_RETRY_AFTER_MS = 120_000;

/**
 * Delay before attempt `attempt + 1` after `attempt` failures: exponential backoff with full
 * jitter, but never less than the server's Retry-After.
 * @example backoffDelay(1, DEFAULT_RETRY, 0.5) // 500 (0.5 × 2 × 500)
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(random * ceiling);
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.max(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS), jittered);
  return jittered;
}

/** Sleeps `ms`, resolving early (without throwing) when `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export function describeError(e: ProviderError): string {
  return e.status !== undefined ? `HTTP ${e.status}: ${e.message}` : `${e.kind}: ${e.message}`;
}
