import type { ProviderError } from '../core/errors.js';
import type { ChatMessage, GenerateResult, Judge, Probe, Verdict } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import type { RunStore, StoredResponse, StoredResult } from '../store/types.js';
import { withPrefill } from './arms.js';
import { askWithRetry } from './ask.js';
import { cacheKey, drawSeed } from './keys.js';
import { outcomeOf } from './outcome.js';
import { describeError, type RetryPolicy } from './retry.js';

/** One answer to get: a model, a probe in one language, a draw, an arm. */
export interface Job {
  provider: Provider;
  probe: Probe;
  sample: number;
  /** Experimental arm; 'direct' is the baseline. */
  arm: string;
  /**
   * The conversation to send, for arms other than the baseline (see arms.ts); default:
   * `ExecuteContext.messagesFor`, else the system prompt and the probe. When it ends with an
   * assistant message (a prefill), the stored answer is that opening plus the continuation.
   */
  messages?: ChatMessage[];
}

/** Parameters that shape every request of a run (recorded in its manifest). */
export interface GenerationSettings {
  seed: number;
  temperature?: number;
  maxTokens: number;
  systemPrompt?: string;
  timeoutMs: number;
  retry: RetryPolicy;
  cache: boolean;
}

export interface ExecuteContext {
  runId: string;
  settings: GenerationSettings;
  store: Pick<RunStore, 'cacheGet'>;
  judge: Judge;
  /** Cancels the request in flight. */
  signal: AbortSignal;
  /** No new retry once this aborts (Ctrl-C); must also abort with `signal`. */
  stopRetries?: AbortSignal;
  random: () => number;
  now: () => number;
  onRetry?: (job: Job, attempt: number, delayMs: number, error: string) => void;
  /** The messages of a job; default: the system prompt, if any, then the probe. */
  messagesFor?: (job: Job) => ChatMessage[];
}

export interface Executed {
  /** What to store: the answer (any outcome) and, for an ok answer, its verdict. */
  stored: StoredResult;
  /** A fresh result to put in the response cache. */
  cacheEntry?: { key: string; result: GenerateResult };
  /** The final error, when the request failed. */
  error?: ProviderError;
  /** True when the endpoint answered (not from cache, not an error). */
  answered: boolean;
}

export function defaultMessages(probe: Probe, systemPrompt?: string): ChatMessage[] {
  return [...(systemPrompt ? [{ role: 'system' as const, content: systemPrompt }] : []), { role: 'user', content: probe.prompt }];
}

/**
 * Gets one answer: from the response cache, or from the endpoint with retries; classifies the
 * outcome and judges an ok answer. Pure of storage writes, so a worker or the local runner can
 * store the result as it sees fit (idempotently, by the answer's key).
 */
export async function executeJob(job: Job, ctx: ExecuteContext): Promise<Executed> {
  const { provider, probe, sample, arm } = job;
  const s = ctx.settings;
  const messages = job.messages ?? ctx.messagesFor?.(job) ?? defaultMessages(probe, s.systemPrompt);
  const last = messages.at(-1);
  const prefill = last?.role === 'assistant' ? last.content : undefined;
  const seed = drawSeed(s.seed, probe.id, probe.lang, sample);
  const key = cacheKey({
    kind: provider.kind, model: provider.model, endpoint: provider.endpoint, messages,
    temperature: s.temperature, maxTokens: s.maxTokens, seed, sample,
  });
  let result: GenerateResult | undefined = s.cache ? await ctx.store.cacheGet(key) : undefined;
  const cached = result !== undefined;
  let attempts = 0;
  let latencyMs = 0;
  let error: ProviderError | undefined;
  if (!result) {
    const asked = await askWithRetry(provider, {
      messages, maxTokens: s.maxTokens, seed, sample, ...(s.temperature !== undefined && { temperature: s.temperature }),
    }, {
      policy: s.retry, timeoutMs: s.timeoutMs, signal: ctx.signal, random: ctx.random, now: ctx.now,
      ...(ctx.stopRetries && { stopRetries: ctx.stopRetries }),
      onRetry: (attempt, delayMs, err) => ctx.onRetry?.(job, attempt, delayMs, err),
    });
    attempts = asked.attempts;
    latencyMs = asked.latencyMs;
    if (asked.ok) result = asked.result;
    else error = asked.error;
  }
  const fresh = result;
  // The outcome is the endpoint's: an opening we wrote followed by nothing is an empty answer.
  const outcome = result ? outcomeOf(result) : error?.status !== undefined ? 'http_error' : 'error';
  // The cache holds the endpoint's own answer; the opening is joined to it here.
  if (result && prefill !== undefined) result = withPrefill(result, prefill);
  const response: StoredResponse = {
    runId: ctx.runId, model: provider.id, arm, probeId: probe.id, lang: probe.lang, sample, seed,
    topic: probe.topic, qtype: probe.type, sensitive: probe.sensitive, controls: probe.controls, prompt: probe.prompt, outcome,
    text: result?.text ?? '', reasoning: result?.reasoning ?? null, finishReason: result?.finishReason ?? null,
    latencyMs, usage: result?.usage ?? {}, upstream: result?.upstream ?? null,
    error: error ? describeError(error) : null, cached, attempts,
  };
  const verdict: Verdict | undefined = outcome === 'ok' && result
    ? withThought(ctx.judge.judge(probe, { text: result.text, reasoning: result.reasoning ?? null }))
    : undefined;
  return {
    stored: { response, ...(verdict && { verdict }) },
    ...(fresh && !cached && s.cache && { cacheEntry: { key, result: fresh } }),
    ...(error && { error }),
    answered: result !== undefined && !cached,
  };
}

/**
 * Copies the judge's reasoning-trace finding into the stored scores (`thoughtSuppressed`), where
 * the statistics read it (the thought-suppression rate of docs/ARMS.md).
 */
function withThought(v: Verdict): Verdict {
  if (!v.reasoning || 'thoughtSuppressed' in v.scores) return v;
  return { ...v, scores: { ...v.scores, thoughtSuppressed: v.reasoning.suppressed } };
}
