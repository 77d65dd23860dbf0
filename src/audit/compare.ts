import { BASELINE_ARM } from '../core/types.js';
import { analyze, type Analysis } from '../stats/analysis.js';
import type { Contrast } from '../stats/contrasts.js';
import { censoredRate, ItemTable, type ItemRecord } from '../stats/items.js';
import type { RunStore } from '../store/types.js';

/** One model of one run, under the label it carries in the comparison. */
export interface CompareSubject {
  label: string;
  runId: string;
  model: string;
}

export interface Difference {
  other: string;
  probeId: string;
  lang: string;
  topic: string;
  /** Share of the item's judged draws censored, for the first subject and for `other`. */
  first: number;
  second: number;
}

export interface ModelComparison {
  analysis: Analysis;
  /** The store's fingerprint of each compared run's answers (distinct runs, in subject order). */
  fingerprints: string[];
  /** Paired against the first subject, oriented other − first: model gap (sensitive items) and difference in differences. */
  versusFirst: { label: string; gap: Contrast | undefined; did: Contrast | undefined }[];
  differences: Difference[];
}

/**
 * Compares subjects on their direct-arm answers, paired on shared items: the analysis, contrasts
 * against the first subject, and the items where each differs most from it. Used by
 * `candor compare` and the dashboard.
 */
export async function compareModels(store: Pick<RunStore, 'itemFacts'>, subjects: readonly CompareSubject[],
  opts: { seed: number; resamples: number; top: number }): Promise<ModelComparison> {
  const items = new ItemTable();
  const fingerprints: string[] = [];
  for (const runId of [...new Set(subjects.map((s) => s.runId))]) {
    const mine = subjects.filter((s) => s.runId === runId);
    const facts = await store.itemFacts(runId);
    fingerprints.push(facts.fingerprint);
    for (const c of facts.items) {
      if (c.arm !== BASELINE_ARM) continue;
      const s = mine.find((x) => x.model === c.model);
      if (s) items.addCounts({ ...c, model: s.label });
    }
  }
  const records = items.records();
  const analysis = analyze(records, { seed: opts.seed, resamples: opts.resamples, nameOf: (l) => subjects.find((s) => s.label === l)!.model });
  const first = subjects[0]!.label;
  const find = (cs: readonly Contrast[], other: string): Contrast | undefined => {
    const direct = cs.find((c) => c.model === other && c.modelB === first);
    if (direct) return direct;
    const flipped = cs.find((c) => c.model === first && c.modelB === other);
    return flipped && { ...flipped, model: other, modelB: first, value: -flipped.value, ci: [-flipped.ci[1], -flipped.ci[0]] };
  };
  return {
    analysis,
    fingerprints,
    versusFirst: subjects.slice(1).map((s) => ({ label: s.label, gap: find(analysis.contrasts.modelGap, s.label), did: find(analysis.contrasts.did, s.label) })),
    differences: subjects.slice(1).flatMap((s) => topDifferences(records, first, s.label, opts.top)),
  };
}

function topDifferences(records: readonly ItemRecord[], a: string, b: string, top: number): Difference[] {
  const key = (r: ItemRecord): string => `${r.probeId}\u0000${r.lang}`;
  const mine = new Map(records.filter((r) => r.model === a && r.judged > 0).map((r) => [key(r), r]));
  return records.filter((r) => r.model === b && r.judged > 0 && mine.has(key(r)))
    .map((r) => ({ other: b, probeId: r.probeId, lang: r.lang, topic: r.topic, first: censoredRate(mine.get(key(r))!), second: censoredRate(r) }))
    .filter((d) => d.first !== d.second)
    .sort((p, q) => Math.abs(q.second - q.first) - Math.abs(p.second - p.first) || (p.probeId < q.probeId ? -1 : p.probeId > q.probeId ? 1 : 0))
    .slice(0, top);
}
