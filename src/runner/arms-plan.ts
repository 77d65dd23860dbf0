/**
 * Which requests each arm makes: the first pass (direct and system arms) and, once the direct
 * answers are stored and judged, the second (prefill and follow-up).
 * @module
 */
import type { Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { answerKey, type RunStore } from '../store/types.js';
import {
  armSupport, DIRECT, followupMessages, isIndependent, needsFollowup, prefillFor, prefillMessages, systemArmMessages,
  type ArmDefinition, type DirectAnswer,
} from './arms.js';
import { defaultMessages, type Job } from './execute.js';

/** Direct and system-arm jobs of one provider not yet stored (unsupported arms make none). */
export function* firstPass(provider: Provider, probes: readonly Probe[], samples: number, arms: readonly ArmDefinition[],
  skip: ReadonlySet<string>): Generator<Job> {
  const mine = arms.filter((a) => isIndependent(a) && armSupport(provider, a) !== 'no');
  for (const probe of probes) {
    for (let sample = 0; sample < samples; sample++) {
      for (const arm of mine) {
        if (skip.has(answerKey(provider.id, probe.id, probe.lang, sample, arm.name))) continue;
        yield arm.kind === 'direct'
          ? { provider, probe, sample, arm: DIRECT }
          : { provider, probe, sample, arm: arm.name, messages: systemArmMessages(arm, probe) };
      }
    }
  }
}

/** Key of a draw, without the arm. */
export const drawKey = (model: string, probeId: string, lang: string, sample: number): string =>
  `${model}\u0000${probeId}\u0000${lang}\u0000${sample}`;

/**
 * The stored direct answers the dependent arms need: for follow-ups, the text of each non-answer;
 * for prefills, whether a reasoning trace came back. Other texts are not kept.
 */
export async function loadDirect(store: Pick<RunStore, 'answers'>, runId: string, dependent: readonly ArmDefinition[]): Promise<Map<string, DirectAnswer>> {
  const followup = dependent.some((a) => a.kind === 'followup');
  const out = new Map<string, DirectAnswer>();
  for await (const a of store.answers(runId)) {
    if (a.arm !== DIRECT) continue;
    const d: DirectAnswer = { outcome: a.outcome, label: a.label, text: '', reasoning: a.reasoning === null ? null : '' };
    if (followup && needsFollowup({ ...d, text: a.text })) d.text = a.text;
    out.set(drawKey(a.model, a.probeId, a.lang, a.sample), d);
  }
  return out;
}

/**
 * Prefill and follow-up jobs of one provider not yet stored. A prefill is asked for every item; a
 * follow-up only after a direct answer judged REFUSED, DEFLECTED or STATE_NARRATIVE (nothing is
 * recorded for the others).
 */
export function* secondPass(provider: Provider, probes: readonly Probe[], samples: number, dependent: readonly ArmDefinition[],
  skip: ReadonlySet<string>, direct: ReadonlyMap<string, DirectAnswer>, systemPrompt: string | undefined): Generator<Job> {
  const mine = dependent.filter((a) => armSupport(provider, a) !== 'no');
  for (const probe of probes) {
    for (let sample = 0; sample < samples; sample++) {
      const d = direct.get(drawKey(provider.id, probe.id, probe.lang, sample));
      for (const arm of mine) {
        if (skip.has(answerKey(provider.id, probe.id, probe.lang, sample, arm.name))) continue;
        const base = defaultMessages(probe, systemPrompt);
        if (arm.kind === 'prefill') {
          yield { provider, probe, sample, arm: arm.name, messages: prefillMessages(base, prefillFor(probe, provider, d)) };
        } else if (arm.kind === 'followup' && needsFollowup(d)) {
          yield { provider, probe, sample, arm: arm.name, messages: followupMessages(base, probe, d.text) };
        }
      }
    }
  }
}
