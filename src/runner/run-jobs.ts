import { setMaxListeners } from 'node:events';
import { ProviderError } from '../core/errors.js';
import type { Judge, Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import type { RunStore } from '../store/types.js';
import { armSupport, DIRECT, isDependent, isIndependent, type ArmDefinition } from './arms.js';
import { firstPass, loadDirect, secondPass } from './arms-plan.js';
import type { RunEvent } from './events.js';
import { executeJob, type ExecuteContext, type GenerationSettings, type Job } from './execute.js';
import { RateGate } from './limiter.js';
import { abortableSleep, describeError } from './retry.js';
import { BatchWriter } from './writer.js';

export interface RunJobsParams extends GenerationSettings {
  samples: number;
  /** Experimental arms (see arms.ts); default: direct only. */
  arms?: ArmDefinition[];
  /** Requests in flight per endpoint (concurrency key). */
  concurrency: number;
  /** Request starts per second per endpoint; unset = unlimited. */
  rps?: number;
}

export interface RunJobsOptions {
  runId: string;
  providers: readonly Provider[];
  probes: readonly Probe[];
  params: RunJobsParams;
  store: RunStore;
  judge: Judge;
  /** Answers already stored (see answerKey): never asked again. */
  skip: ReadonlySet<string>;
  signal: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  now?: () => number;
  random?: () => number;
}

export interface RunJobsResult {
  done: number;
  total: number;
  interrupted: boolean;
}


/**
 * Consecutive final transport or protocol failures, with no success, after which an endpoint
 * counts as unreachable (or as not speaking its protocol) and the run stops.
 */
const UNREACHABLE_AFTER = 5;

/**
 * Asks every (model × probe × draw × arm) not in `skip`, judges each usable answer and streams
 * the results to the store. Dependent arms (prefill, follow-up) are asked in a second pass, once
 * every direct answer is stored and judged. When `signal` aborts, requests in flight finish and are saved,
 * nothing new starts, and `interrupted` is true; a fatal endpoint error (bad key,
 * unreachable) cancels what is in flight, flushes and rethrows.
 */
export async function runJobs(o: RunJobsOptions): Promise<RunJobsResult> {
  const now = o.now ?? (() => performance.now());
  const random = o.random ?? Math.random;
  const writer = new BatchWriter(o.store);
  const groups = new Map<string, Provider[]>();
  for (const p of o.providers) groups.set(p.concurrencyKey(), [...(groups.get(p.concurrencyKey()) ?? []), p]);

  const arms = o.params.arms ?? [{ name: DIRECT, kind: 'direct' }];
  let total = 0;
  let planned = 0;
  for (const p of o.providers) {
    for (const _ of firstPass(p, o.probes, o.params.samples, arms, o.skip)) total++;
    planned += o.probes.length * o.params.samples * arms.filter((a) => isIndependent(a) && armSupport(p, a) !== 'no').length;
  }
  const grandTotal = total;
  o.onEvent?.({ type: 'start', runId: o.runId, total, skipped: planned - total });

  // o.signal (Ctrl-C) stops taking new work and starting retries, but lets requests in flight
  // finish and be saved, so a resumed run asks nothing twice. `hard` cancels requests in
  // flight: only a fatal endpoint error does that.
  const hard = new AbortController();
  setMaxListeners(0, hard.signal); // one listener per request in flight
  const stopAll = new AbortController();
  const stopAllNow = (): void => stopAll.abort();
  o.signal.addEventListener('abort', stopAllNow, { once: true });
  hard.signal.addEventListener('abort', stopAllNow, { once: true });
  let done = 0;
  let fatal: unknown;
  const health = new Map<Provider, { ok: number; failedInARow: number }>();

  const ctx: ExecuteContext = {
    runId: o.runId, settings: o.params, store: o.store, judge: o.judge, signal: hard.signal, stopRetries: stopAll.signal,
    random, now,
    onRetry: (job, attempt, delayMs, error) => o.onEvent?.({ type: 'retry', model: job.provider.id, probeId: job.probe.id, attempt, delayMs, error }),
  };
  const handle = async (job: Job): Promise<void> => {
    const { provider, probe } = job;
    const x = await executeJob(job, ctx);
    if (x.error) noteFailure(provider, x.error);
    if (x.answered) health.set(provider, { ok: (health.get(provider)?.ok ?? 0) + 1, failedInARow: 0 });
    writer.add(x.stored, x.cacheEntry);
    done++;
    const { outcome, cached } = x.stored.response;
    o.onEvent?.({ type: 'answer', model: provider.id, arm: job.arm, probeId: probe.id, lang: probe.lang, outcome, ...(x.stored.verdict && { label: x.stored.verdict.label }), cached, done, total });
  };

  const noteFailure = (provider: Provider, e: ProviderError): void => {
    if (e.kind === 'auth') throw e;
    // Unreadable answers count (retryable protocol errors), not a deliberate 'no such record'.
    if (e.kind !== 'transport' && !(e.kind === 'protocol' && e.retryable)) return;
    const h = health.get(provider) ?? { ok: 0, failedInARow: 0 };
    h.failedInARow++;
    health.set(provider, h);
    if (h.ok === 0 && h.failedInARow >= UNREACHABLE_AFTER) {
      const what = e.kind === 'transport' ? 'endpoint unreachable' : `endpoint does not answer in the ${provider.kind} protocol`;
      throw new ProviderError(`${provider.id}: ${what} (${describeError(e)})`, { kind: e.kind, retryable: false, cause: e });
    }
  };

  const runPool = async (jobsOf: (provider: Provider) => Iterable<Job>): Promise<void> => {
    const workers: Promise<void>[] = [];
    for (const providers of groups.values()) {
      const jobs = jobsFor(providers, jobsOf);
      const gate = new RateGate(o.params.rps, now);
      const limit = Math.min(o.params.concurrency, ...providers.map((p) => p.maxConcurrency ?? Infinity));
      for (let w = 0; w < limit; w++) {
        workers.push((async () => {
          // next() rather than for-of: a worker leaving early must not close the shared iterator.
          for (let it = jobs.next(); !it.done; it = jobs.next()) {
            const job = it.value;
            if (stopAll.signal.aborted) return;
            await abortableSleep(gate.reserve(), stopAll.signal);
            if (stopAll.signal.aborted) return;
            try {
              await handle(job);
            } catch (e) {
              if (hard.signal.aborted && fatal) return; // cancelled by another worker's fatal error
              fatal ??= e;
              hard.abort(e);
              return;
            }
          }
        })());
      }
    }
    await Promise.all(workers);
  };

  await runPool((p) => firstPass(p, o.probes, o.params.samples, arms, o.skip));
  let grand = done;
  let secondTotal = 0;
  const dependent = arms.filter(isDependent);
  if (!fatal && !stopAll.signal.aborted && dependent.length > 0) {
    // Dependent arms (prefill, follow-up) read the judged direct answer of the same item and draw.
    await writer.flush();
    const direct = await loadDirect(o.store, o.runId, dependent);
    const second = (p: Provider): Iterable<Job> => secondPass(p, o.probes, o.params.samples, dependent, o.skip, direct, o.params.systemPrompt);
    total = 0;
    done = 0;
    for (const p of o.providers) for (const _ of second(p)) total++;
    secondTotal = total;
    o.onEvent?.({ type: 'start', runId: o.runId, total, skipped: 0 });
    await runPool(second);
    grand += done;
  }
  o.signal.removeEventListener('abort', stopAllNow);
  await writer.flush();
  if (fatal) throw fatal;
  const interrupted = o.signal.aborted;
  o.onEvent?.({ type: 'end', done, total, interrupted });
  return { done: grand, total: grandTotal + secondTotal, interrupted };
}

/** One shared iterator per endpoint: every worker of that endpoint pulls from it. */
function* jobsFor(providers: readonly Provider[], jobsOf: (provider: Provider) => Iterable<Job>): Generator<Job> {
  for (const provider of providers) yield* jobsOf(provider);
}
