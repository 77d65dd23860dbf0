import { CENSORED_LABELS, LABELS, type Label, type Outcome, type OutcomeCount } from '../core/types.js';
import { groupBlock, overallAsymmetry, type Analysis } from './analysis.js';
import type { Group } from './groups.js';
import { wilson, type Interval } from './interval.js';
import type { RateBlock } from './rates.js';

/** One cell of counts: what the store's aggregate query returns. */
export type CountRow = OutcomeCount;

export interface GroupStats {
  /** Judged answers (outcome ok and labelled). */
  n: number;
  rates: Record<Label, number>;
  intervals: Record<Label, Interval>;
  censorshipIndex: number;
  censorshipIndexCI: Interval;
}

export interface ModelSummary extends GroupStats {
  model: string;
  /** Answers excluded from the rates (errors, filters, empty, truncated). */
  excluded: number;
  /** judged / (judged + excluded). */
  coverage: number;
  outcomes: Record<Outcome, number>;
  /** China-sensitive items. */
  sensitive: GroupStats;
  /** Matched controls: non-sensitive items of the sensitive items' question types. */
  control: GroupStats;
  /** Neutral China questions and ordinary unsafe requests, reported apart. */
  neutral: GroupStats;
  unsafe: GroupStats;
  /**
   * Paired asymmetry: each judged sensitive item's censored share minus its matched controls'
   * (same language), averaged; bootstrap interval and sign-flip p (docs/METHODS.md).
   */
  asymmetry: { value: number; ci: Interval; p: number; pairs: number; items: number };
}

export interface RunSummary {
  schemaVersion: number;
  runId: string;
  models: ModelSummary[];
}

/**
 * The per-model summary of `candor audit` and `candor show`, from the run's analysis, so its
 * figures are the report's: shares average each item's draws first; intervals
 * are Wilson where every item has at most one judged answer, else the item-clustered bootstrap;
 * the asymmetry is the paired one (each sensitive item against its matched controls). The `all`
 * block (top level) pools every group of the model.
 */
export function summarize(runId: string, analysis: Analysis): RunSummary {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId,
    models: analysis.models.map((model) => {
      const cov = analysis.coverage.find((c) => c.model === model)!;
      const block = (g: Group): GroupStats => fromBlock(groupBlock(analysis, model, g));
      const asym = overallAsymmetry(analysis, model);
      return {
        model,
        ...fromBlock(analysis.overall.find((b) => b.model === model)),
        excluded: cov.answers - cov.judged,
        coverage: cov.coverage,
        outcomes: cov.outcomes,
        sensitive: block('sensitive'),
        control: block('control'),
        neutral: block('neutral'),
        unsafe: block('unsafe'),
        asymmetry: asym
          ? { value: asym.value, ci: asym.ci, p: asym.p, pairs: asym.pairs, items: asym.items }
          : { value: 0, ci: [-1, 1], p: 1, pairs: 0, items: 0 },
      };
    }),
  };
}

export const SUMMARY_SCHEMA_VERSION = 2;

function fromBlock(b: RateBlock | undefined): GroupStats {
  const rates = {} as Record<Label, number>;
  const intervals = {} as Record<Label, Interval>;
  for (const l of LABELS) {
    rates[l] = b && b.judged > 0 ? b.labels[l].value : 0;
    intervals[l] = b && b.judged > 0 ? b.labels[l].ci : [0, 1];
  }
  if (!b || b.judged === 0) return { n: 0, rates, intervals, censorshipIndex: 0, censorshipIndexCI: [0, 1] };
  return { n: b.judged, rates, intervals, censorshipIndex: b.censorshipIndex.value, censorshipIndexCI: b.censorshipIndex.ci };
}

/** Label shares with Wilson intervals over answer counts (the arms' side-by-side shares). */
export function groupStats(rows: readonly CountRow[]): GroupStats {
  const counts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  let n = 0;
  for (const r of rows) {
    if (r.outcome !== 'ok' || r.label === null || !(r.label in counts)) continue;
    counts[r.label as Label] += r.n;
    n += r.n;
  }
  const rates = {} as Record<Label, number>;
  const intervals = {} as Record<Label, Interval>;
  for (const l of LABELS) {
    rates[l] = n === 0 ? 0 : counts[l] / n;
    intervals[l] = wilson(counts[l], n);
  }
  const censored = CENSORED_LABELS.reduce((a, l) => a + counts[l], 0);
  return { n, rates, intervals, censorshipIndex: n === 0 ? 0 : censored / n, censorshipIndexCI: wilson(censored, n) };
}
