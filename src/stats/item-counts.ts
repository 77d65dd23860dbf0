import { FACT_THRESHOLD, LABELS, OUTCOMES, REVEALING_LABELS, type ItemCounts, type Label } from '../core/types.js';
import type { ArmAnswerFacts } from './arms.js';

type Answer = ArmAnswerFacts & { reasoning?: string | null; scores: (ArmAnswerFacts['scores'] & { thoughtSuppressed?: boolean }) | null };

const isLabel = (l: string | null): l is Label => (LABELS as readonly (string | null)[]).includes(l);

/**
 * Counts answers per item (model × arm × probe × language), one answer at a time: the definition
 * of every count in {@link ItemCounts}. The store computes the same in SQL (its contract test
 * checks it against this); the statistics read either.
 */
export function countItems(answers: Iterable<Answer>): ItemCounts[] {
  const byKey = new Map<string, ItemCounts>();
  for (const a of answers) {
    const key = [a.model, a.arm, a.probeId, a.lang].join('\u0000');
    let c = byKey.get(key);
    if (!c) {
      c = {
        model: a.model, arm: a.arm, probeId: a.probeId, lang: a.lang, topic: a.topic, qtype: a.qtype, sensitive: a.sensitive, controls: a.controls,
        draws: 0, outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as ItemCounts['outcomes'],
        labels: Object.fromEntries(LABELS.map((l) => [l, 0])) as ItemCounts['labels'],
        factJudged: 0, omitted: 0, narrative: 0, revealed: 0, traced: 0, suppressed: 0,
      };
      byKey.set(key, c);
    }
    c.draws++;
    c.outcomes[a.outcome]++;
    if (a.outcome !== 'ok' || !isLabel(a.label)) continue;
    c.labels[a.label]++;
    const fc = a.scores?.factCoverage ?? null;
    if (fc !== null) c.factJudged++;
    if (fc !== null && fc < FACT_THRESHOLD) c.omitted++;
    if ((a.scores?.narrativeFlags.length ?? 0) > 0) c.narrative++;
    if ((fc !== null && fc >= FACT_THRESHOLD) || (REVEALING_LABELS.includes(a.label) && fc !== 0)) c.revealed++;
    const flag = a.scores?.thoughtSuppressed;
    if (flag !== undefined || (a.reasoning ?? null) !== null) {
      c.traced++;
      if (flag === true || (flag === undefined && (a.reasoning ?? '').trim() === '')) c.suppressed++;
    }
  }
  return [...byKey.values()];
}
