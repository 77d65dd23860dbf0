import { ProviderError } from '../core/errors.js';
import type { GenerateRequest, GenerateResult } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { abortableSleep, backoffDelay, describeError, type RetryPolicy } from './retry.js';

export type AskResult =
  | { ok: true; result: GenerateResult; attempts: number; latencyMs: number }
  | { ok: false; error: ProviderError; attempts: number; latencyMs: number };

export interface AskOptions {
  policy: RetryPolicy;
  timeoutMs: number;
  /** Hard abort: cancels the request in flight (a fatal error elsewhere in the run). */
  signal: AbortSignal;
  /** Soft stop (Ctrl-C; must also abort when `signal` does): the request in flight finishes, but no retry is started. */
  stopRetries?: AbortSignal;
  random: () => number;
  now: () => number;
  onRetry?: (attempt: number, delayMs: number, error: string) => void;
}

/**
 * One answer with retries: exponential backoff with jitter, Retry-After honoured, a fresh
 * timeout per attempt. Rejects only on a hard abort (nothing to record).
 */
export async function askWithRetry(provider: Provider, req: GenerateRequest, o: AskOptions): Promise<AskResult> {
  let attempt = 0;
  for (;;) {
    attempt++;
    const started = o.now();
    const attemptCtl = new AbortController();
    const onRunAbort = (): void => attemptCtl.abort(o.signal.reason);
    o.signal.addEventListener('abort', onRunAbort, { once: true });
    const timer = setTimeout(
      () => attemptCtl.abort(new DOMException(`no answer within ${o.timeoutMs} ms`, 'TimeoutError')),
      o.timeoutMs,
    );
    try {
      const result = await provider.generate(req, { signal: attemptCtl.signal });
      return { ok: true, result, attempts: attempt, latencyMs: o.now() - started };
    } catch (e) {
      if (o.signal.aborted) throw new ProviderError('run aborted', { kind: 'aborted', retryable: false, cause: e });
      const error = e instanceof ProviderError ? e : provider.classifyError(e);
      const latencyMs = o.now() - started;
      if (!error.retryable || attempt >= o.policy.maxAttempts || o.stopRetries?.aborted) {
        return { ok: false, error, attempts: attempt, latencyMs };
      }
      const delay = backoffDelay(attempt, o.policy, o.random(), error.retryAfterMs);
      o.onRetry?.(attempt, delay, describeError(error));
      await abortableSleep(delay, o.stopRetries ?? o.signal);
      if (o.signal.aborted) throw new ProviderError('run aborted', { kind: 'aborted', retryable: false });
      if (o.stopRetries?.aborted) return { ok: false, error, attempts: attempt, latencyMs };
    } finally {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onRunAbort);
    }
  }
}
