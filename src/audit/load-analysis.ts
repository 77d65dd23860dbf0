import type { RunRow } from '../core/manifest.js';
import type { SampleRow, TranscriptSampler } from '../report/input.js';
import { analyze, type Analysis } from '../stats/analysis.js';
import { ArmTable, type ArmAnswerFacts } from '../stats/arms.js';
import { ItemTable } from '../stats/items.js';
import type { AnswerFactsRow, RunStore } from '../store/types.js';

export interface StatsFlags {
  seed?: number;
  resamples: number;
}

/** What the statistics read of an answer: the store's slim facts row and its full answer row both fit. */
export type AnalysedAnswer = ArmAnswerFacts & SampleRow & { reasoning: string | null };

/**
 * Folds a run's answers, one at a time, into item records (direct arm), the arms table and, for
 * HTML, a bounded transcript sample; `finish` computes the analysis. Lets a caller that reads
 * every answer anyway (the JSON report) compute the statistics in the same pass.
 */
export class AnalysisBuilder<T extends AnalysedAnswer> {
  private readonly items = new ItemTable();
  private readonly arms = new ArmTable();

  constructor(private readonly run: RunRow, private readonly flags: StatsFlags, private readonly sampler?: TranscriptSampler<T>,
    private readonly only?: (model: string) => boolean, private readonly onAnswer?: (a: T) => void) {}

  add(a: T): void {
    if (this.only && !this.only(a.model)) return;
    this.onAnswer?.(a);
    // The main statistics are over the direct arm; other arms go to analysis.arms (docs/ARMS.md).
    if (this.arms.add(a)) this.items.add(a);
    this.sampler?.add(a);
  }

  finish(): Analysis {
    const { run, flags, only } = this;
    const names = new Map(run.manifest.models.map((m) => [m.spec, m.model]));
    const analysis = analyze(this.items.records(), {
      seed: flags.seed ?? run.manifest.params.seed,
      resamples: flags.resamples,
      nameOf: (spec) => names.get(spec) ?? spec,
    });
    const models = run.manifest.models.map((m) => m.spec).filter((m) => !only || only(m));
    return { ...analysis, arms: this.arms.analyze({ ...(run.manifest.params.arms && { arms: run.manifest.params.arms }), models, hostGap: analysis.contrasts.hostGap }) };
  }
}

/**
 * A run's statistics from the store's slim answer facts (no text: the sampler fetches the few it
 * keeps). Used by report, gate and the dashboard.
 */
export async function loadAnalysis(store: RunStore, run: RunRow, flags: StatsFlags, sampler?: TranscriptSampler<AnswerFactsRow>,
  only?: (model: string) => boolean, onAnswer?: (a: AnswerFactsRow) => void): Promise<Analysis> {
  const b = new AnalysisBuilder<AnswerFactsRow>(run, flags, sampler, only, onAnswer);
  for await (const a of store.answerFacts(run.id)) b.add(a);
  return b.finish();
}
