import type { RunRow } from '../core/manifest.js';
import type { TranscriptSampler } from '../report/input.js';
import { analyze, type Analysis } from '../stats/analysis.js';
import { ArmTable } from '../stats/arms.js';
import { ItemTable } from '../stats/items.js';
import type { AnswerFactsRow, RunStore } from '../store/types.js';

export interface StatsFlags {
  seed?: number;
  resamples: number;
}

/**
 * A run's statistics: streams its slim answer facts once into item records (direct arm) and the
 * arms table, and, for HTML, a bounded transcript sample. Used by report, gate and the dashboard.
 */
export async function loadAnalysis(store: RunStore, run: RunRow, flags: StatsFlags, sampler?: TranscriptSampler<AnswerFactsRow>,
  only?: (model: string) => boolean, onAnswer?: (a: AnswerFactsRow) => void): Promise<Analysis> {
  const items = new ItemTable();
  const arms = new ArmTable();
  // The slim view: statistics need no answer text (the sampler fetches the few it keeps).
  for await (const a of store.answerFacts(run.id)) {
    if (only && !only(a.model)) continue;
    onAnswer?.(a);
    // The main statistics are over the direct arm; other arms go to analysis.arms (docs/ARMS.md).
    if (arms.add(a)) items.add(a);
    sampler?.add(a);
  }
  const names = new Map(run.manifest.models.map((m) => [m.spec, m.model]));
  const analysis = analyze(items.records(), {
    seed: flags.seed ?? run.manifest.params.seed,
    resamples: flags.resamples,
    nameOf: (spec) => names.get(spec) ?? spec,
  });
  const models = run.manifest.models.map((m) => m.spec).filter((m) => !only || only(m));
  return { ...analysis, arms: arms.analyze({ ...(run.manifest.params.arms && { arms: run.manifest.params.arms }), models, hostGap: analysis.contrasts.hostGap }) };
}

