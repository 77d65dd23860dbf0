import { ConfigError, InterruptedError } from '../core/errors.js';
import { DIRECT } from '../runner/arms.js';
import type { RunManifest, RunRow } from '../core/manifest.js';
import type { Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import type { RunJobsParams } from '../runner/run-jobs.js';
import { runResults, type AuditResult } from '../audit/run-audit.js';
import type { RunStore } from '../store/types.js';
import { followRun, type FollowProgress } from './follow.js';
import { planRun, type Plan } from './planner.js';

export interface DistributedContext {
  store: RunStore;
  redisUrl: string;
  signal: AbortSignal;
  onPlan?: (run: RunRow, plan: Plan) => void;
  onProgress?: (p: FollowProgress) => void;
  /** A job BullMQ gave up on (no answer stored), with its reason. */
  onFailed?: (jobId: string, reason: string) => void;
  pollMs?: number;
}

/** A queue URL BullMQ can use, or a ConfigError naming the flag. */
export function checkQueueUrl(url: string): string {
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError(`--queue: '${url.replace(/\/\/[^@/]*@/, '//***@')}' is not a Redis URL; use redis://host:port`);
  return url;
}

/**
 * `runAudit` through a queue: creates (or resumes) the run in the shared store, enqueues one job
 * per answer not yet stored (dependent arms' jobs are enqueued by the workers, see planner.ts), waits while `candor worker` processes answer them, marks the run
 * complete and returns its summary. Ctrl-C stops following (the workers carry on); the run can
 * be followed again with --resume.
 */
export async function runDistributedAudit(
  ctx: DistributedContext,
  plan: { providers: Provider[]; probes: Probe[]; params: RunJobsParams } & ({ manifest: RunManifest } | { resume: RunRow }),
): Promise<AuditResult> {
  const run = 'resume' in plan ? plan.resume : await ctx.store.createRun(plan.manifest);
  if ('resume' in plan) await ctx.store.setRunStatus(run.id, 'running');
  const planned = await planRun({
    redisUrl: ctx.redisUrl, store: ctx.store, runId: run.id, providers: plan.providers, probes: plan.probes,
    samples: plan.params.samples, arms: plan.params.arms ?? [{ name: DIRECT, kind: 'direct' }],
    concurrency: plan.params.concurrency, ...(plan.params.rps !== undefined && { rps: plan.params.rps }),
  });
  ctx.onPlan?.(run, planned);
  const followed = await followRun({
    redisUrl: ctx.redisUrl, store: ctx.store, runId: run.id, queues: planned.queues, signal: ctx.signal,
    ...(ctx.onProgress && { onProgress: ctx.onProgress }), ...(ctx.onFailed && { onFailed: ctx.onFailed }),
    ...(ctx.pollMs !== undefined && { pollMs: ctx.pollMs }),
  });
  if (followed.interrupted) throw new InterruptedError(run.id);
  const { summary, arms } = await runResults(ctx.store, run.id);
  return { run: (await ctx.store.getRun(run.id))!, summary, arms, done: followed.done - planned.skipped };
}
