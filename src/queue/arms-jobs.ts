/**
 * The experimental arms (docs/ARMS.md) as queue jobs. Direct and system arms are enqueued by the
 * planner; prefill and follow-up jobs by the worker that stores the direct answer they build on
 * (or by the planner, when that answer was stored in an earlier round). The jobs are the same as
 * the local runner's (src/runner/arms-plan.ts), built from the same functions.
 * @module
 */
import { StoreError } from '../core/errors.js';
import type { ArmDefinition, RunManifest } from '../core/manifest.js';
import type { ChatMessage, Probe } from '../core/types.js';
import {
  DIRECT, followupMessages, isDependent, isIndependent, needsFollowup, prefillFor, prefillMessages, systemArmMessages,
  type DirectAnswer,
} from '../runner/arms.js';
import { defaultMessages } from '../runner/execute.js';
import { probeKey, type AnswerJobData } from './keys.js';

/** A run's arms; runs made before arms have the direct arm only. */
export function runArms(m: Pick<RunManifest, 'params'>): ArmDefinition[] {
  return m.params.arms ?? [{ name: DIRECT, kind: 'direct' }];
}

/** Whether a model is asked an arm: not when the manifest lists it as unsupported there. */
const asked = (arm: ArmDefinition, model: string): boolean => !(arm.unsupported ?? []).includes(model);

/** Arms asked without a prior answer (direct, system), for one model. */
export const firstStageArms = (arms: readonly ArmDefinition[], model: string): ArmDefinition[] =>
  arms.filter((a) => isIndependent(a) && asked(a, model));

/** Arms asked after the model's direct answer (prefill, follow-up). */
export const dependentArms = (arms: readonly ArmDefinition[], model: string): ArmDefinition[] =>
  arms.filter((a) => isDependent(a) && asked(a, model));

/**
 * The jobs a stored direct answer leads to: a prefill always (its opening chosen from the direct
 * answer), a follow-up only after a non-answer (REFUSED, DEFLECTED, STATE_NARRATIVE).
 */
export function dependentsOf(draw: Pick<AnswerJobData, 'runId' | 'model' | 'sample'> & { probe: Probe },
  providerKind: string, arms: readonly ArmDefinition[], direct: DirectAnswer): AnswerJobData[] {
  const out: AnswerJobData[] = [];
  const base = { runId: draw.runId, model: draw.model, probe: probeKey(draw.probe), sample: draw.sample };
  for (const arm of arms) {
    if (arm.kind === 'prefill') out.push({ ...base, arm: arm.name, prefill: prefillFor(draw.probe, { kind: providerKind }, direct) });
    else if (arm.kind === 'followup' && needsFollowup(direct)) out.push({ ...base, arm: arm.name, first: direct.text });
  }
  return out;
}

function need(v: string | undefined, d: AnswerJobData, what: string): string {
  if (v === undefined) throw new StoreError(`job of arm ${d.arm} (run ${d.runId}) carries no ${what}`);
  return v;
}

/** The conversation a job sends; undefined for the direct arm (the system prompt, if any, and the probe). */
export function jobMessages(d: AnswerJobData, arm: ArmDefinition, probe: Probe, systemPrompt: string | undefined): ChatMessage[] | undefined {
  switch (arm.kind) {
    case 'direct': return undefined;
    case 'system': return systemArmMessages(arm, probe);
    case 'prefill': return prefillMessages(defaultMessages(probe, systemPrompt), need(d.prefill, d, 'opening'));
    case 'followup': return followupMessages(defaultMessages(probe, systemPrompt), probe, need(d.first, d, 'direct answer'));
    case 'indirect': throw new StoreError(`job of arm ${d.arm}: the indirect arm asks nothing`);
  }
}
