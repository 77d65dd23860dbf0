import { InterruptedError, StoreError } from '../core/errors.js';
import type { RunManifest, RunRow } from '../core/manifest.js';
import type { Judge, Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import type { RunEvent } from '../runner/events.js';
import { runJobs, type RunJobsParams } from '../runner/run-jobs.js';
import type { ArmsAnalysis } from '../stats/arms.js';
import { DEFAULT_RESAMPLES } from '../stats/bootstrap.js';
import { summarize, type RunSummary } from '../stats/summary.js';
import { loadRunAnalysis } from './load-analysis.js';
import type { RunStore } from '../store/types.js';

export interface AuditContext {
  store: RunStore;
  judge: Judge;
  signal: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  now?: () => number;
  random?: () => number;
}

export interface AuditResult {
  run: RunRow;
  summary: RunSummary;
  /** The arms' statistics, computed with the summary. */
  arms: ArmsAnalysis;
  done: number;
}

/**
 * Runs an audit to completion, or resumes one: asks every answer not yet stored, marks the
 * run complete, and returns its summary. Throws InterruptedError when `signal` aborts
 * (finished answers are saved; the run is marked interrupted and can be resumed).
 * @example const { summary } = await runAudit(ctx, { providers, probes, params, manifest });
 */
export async function runAudit(
  ctx: AuditContext,
  plan: { providers: Provider[]; probes: Probe[]; params: RunJobsParams } & ({ manifest: RunManifest } | { resume: RunRow }),
): Promise<AuditResult> {
  const run = 'resume' in plan ? plan.resume : await ctx.store.createRun(plan.manifest);
  if ('resume' in plan) await ctx.store.setRunStatus(run.id, 'running');
  const skip = await ctx.store.doneKeys(run.id);
  let result;
  try {
    result = await runJobs({
      runId: run.id,
      providers: plan.providers,
      probes: plan.probes,
      params: plan.params,
      store: ctx.store,
      judge: ctx.judge,
      skip,
      signal: ctx.signal,
      ...(ctx.onEvent && { onEvent: ctx.onEvent }),
      ...(ctx.now && { now: ctx.now }),
      ...(ctx.random && { random: ctx.random }),
    });
  } catch (e) {
    await ctx.store.setRunStatus(run.id, ctx.signal.aborted ? 'interrupted' : 'failed');
    throw e;
  }
  if (result.interrupted) {
    await ctx.store.setRunStatus(run.id, 'interrupted');
    throw new InterruptedError(run.id);
  }
  await ctx.store.setRunStatus(run.id, 'complete');
  const { summary, arms } = await runResults(ctx.store, run.id);
  return { run: (await ctx.store.getRun(run.id))!, summary, arms, done: result.done };
}

/** A run's per-model summary (the report's statistics; docs/METHODS.md), with the run seed and 1,000 resamples. */
export async function summarizeRun(store: RunStore, runId: string): Promise<RunSummary> {
  return (await runResults(store, runId)).summary;
}

/** The summary and the arms' statistics of a run, from one analysis. */
export async function runResults(store: RunStore, runId: string): Promise<{ summary: RunSummary; arms: ArmsAnalysis }> {
  const run = await store.getRun(runId);
  if (!run) throw new StoreError(`no run ${runId}`);
  const opts = { seed: run.manifest.params.seed, resamples: DEFAULT_RESAMPLES };
  const { analysis } = await loadRunAnalysis(store, run, opts);
  return { summary: summarize(runId, analysis), arms: analysis.arms! };
}
