import { CENSORED_LABELS, LABELS, type Label } from '../core/types.js';
import { DEFAULT_RESAMPLES, Replicates, Resampler } from './bootstrap.js';
import { wilson, type Interval } from './interval.js';
import type { ItemRecord } from './items.js';

/** A share with its 95% interval. */
export interface Rate {
  /** Mean over items of each item's share of its draws (= pooled share when each item has one draw). */
  value: number;
  ci: Interval;
  /** Answers behind the share. */
  n: number;
  /** Items (probe ids) behind the share: the resampled clusters. */
  items: number;
  method: 'wilson' | 'bootstrap';
}

/** Label shares, censorship index, omission and narrative alignment of a set of item records. */
export interface RateBlock {
  /** Items (probe ids) with at least one judged answer. */
  items: number;
  judged: number;
  /** Answers excluded from every rate (errors, filter blocks, empty, truncated). */
  excluded: number;
  labels: Record<Label, Rate>;
  censorshipIndex: Rate;
  /** Share of judged answers with required facts whose fact coverage is below 0.5; null when no item lists facts. */
  omission: Rate | null;
  /** Share of judged answers with at least one narrative flag. */
  narrative: Rate;
}

export interface StatsOptions {
  seed: number;
  resamples?: number;
  /** Shared bootstrap weights; made from `seed` and `resamples` when absent. */
  resampler?: Resampler;
}

/** The resampler of a computation: the caller's, or one made from the seed. */
export const resamplerOf = (opts: StatsOptions): Resampler => opts.resampler ?? new Resampler(opts.seed, opts.resamples ?? DEFAULT_RESAMPLES);

/** Metric order inside a cluster's sums: the five labels, then censored, omitted, narrative. */
const METRICS = LABELS.length + 3;
const OMITTED = LABELS.length + 1;
const CENSORED = LABELS.length;
const NARRATIVE = LABELS.length + 2;
const ANSWERED = LABELS.indexOf('ANSWERED');
const CENSORED_INDEX = CENSORED_LABELS.map((l) => LABELS.indexOf(l));
/** Count columns: 0 = items with a judged answer (labels, censored, narrative); 1 = items with facts (omission). */
const colOf = (m: number): number => (m === OMITTED ? 1 : 0);

function numDen(r: ItemRecord, m: number): [number, number] {
  if (m < LABELS.length) return [r.labels[LABELS[m]!], r.judged];
  if (m === LABELS.length) return [r.censored, r.judged];
  if (m === OMITTED) return [r.omitted, r.factJudged];
  return [r.narrative, r.judged];
}

/**
 * The bootstrap replicates of a set of item records (each record's per-draw shares, weighted by
 * its probe id's Poisson weights). Additive: a block's replicates are the sum of its parts'.
 */
export function replicatesOf(records: readonly ItemRecord[], resampler: Resampler): Replicates {
  return replicatesInto(new Replicates(METRICS, 2, resampler.resamples), records, resampler);
}

/** {@link replicatesOf} written into `reps` (cleared first), so a caller can reuse one buffer. */
export function replicatesInto(reps: Replicates, records: readonly ItemRecord[], resampler: Resampler): Replicates {
  const b = resampler.resamples;
  reps.sum.fill(0);
  reps.count.fill(0);
  const sums = new Float64Array(METRICS);
  const counts = new Float64Array(2);
  for (const r of records) {
    if (r.judged === 0) continue;
    // ANSWERED and the censored share are derived below from the others (they are linear in them).
    for (let m = 0; m < LABELS.length; m++) sums[m] = m === ANSWERED ? 0 : r.labels[LABELS[m]!] / r.judged;
    sums[OMITTED] = r.factJudged > 0 ? r.omitted / r.factJudged : 0;
    sums[NARRATIVE] = r.narrative / r.judged;
    counts[0] = 1;
    counts[1] = r.factJudged > 0 ? 1 : 0;
    reps.addCluster(resampler.weightsOf(r.probeId), sums, counts);
  }
  // Per item the label shares sum to 1 and censored = REFUSED + STATE_NARRATIVE + DEFLECTED, so
  // the same holds for the weighted sums: two metrics fewer per item in the loop above.
  const s = reps.sum;
  for (let r = 0; r < b; r++) {
    let others = 0;
    let censored = 0;
    for (let m = 0; m < LABELS.length; m++) {
      if (m === ANSWERED) continue;
      others += s[m * b + r]!;
      if (CENSORED_INDEX.includes(m)) censored += s[m * b + r]!;
    }
    s[ANSWERED * b + r] = reps.count[r]! - others;
    s[CENSORED * b + r] = censored;
  }
  return reps;
}

/**
 * Shares with 95% intervals over item records. Draws are averaged within each item first and
 * items are the resampling unit (clustered by probe id, so an item's languages move together).
 * Where every item contributes at most one answer the Wilson interval is used; otherwise the
 * percentile Poisson bootstrap over items, widened where needed to contain the Wilson interval
 * on the item count (so all-0 or all-1 data never get a zero-width interval).
 * `replicates` gives the records' bootstrap replicates when the caller has them (summed from
 * parts); otherwise they are computed here if needed.
 */
export function rateBlock(records: readonly ItemRecord[], opts: StatsOptions, replicates?: () => Replicates): RateBlock {
  const clusters = new Map<string, { sum: number[]; count: number[]; den: number[] }>();
  let judged = 0;
  let draws = 0;
  for (const r of records) {
    draws += r.draws;
    judged += r.judged;
    let c = clusters.get(r.probeId);
    if (!c) {
      c = { sum: new Array<number>(METRICS).fill(0), count: new Array<number>(METRICS).fill(0), den: new Array<number>(METRICS).fill(0) };
      clusters.set(r.probeId, c);
    }
    for (let m = 0; m < METRICS; m++) {
      const [num, den] = numDen(r, m);
      if (den === 0) continue;
      c.sum[m]! += num / den;
      c.count[m]! += 1;
      c.den[m]! += den;
    }
  }
  const list = [...clusters.values()];
  const needsBootstrap = Array.from({ length: METRICS }, (_, m) => list.some((c) => c.den[m]! > 1));
  const reps = needsBootstrap.some(Boolean) ? (replicates ? replicates() : replicatesOf(records, resamplerOf(opts))) : undefined;
  const scratch = reps && new Float64Array(reps.resamples);
  const rate = (m: number): Rate => {
    let sum = 0;
    let count = 0;
    let n = 0;
    let num = 0;
    let k = 0;
    for (const c of list) {
      if (c.count[m] === 0) continue;
      sum += c.sum[m]!;
      count += c.count[m]!;
      n += c.den[m]!;
      num += (c.sum[m]! / c.count[m]!) * c.den[m]!;
      k++;
    }
    if (count === 0) return { value: 0, ci: [0, 1], n: 0, items: 0, method: 'wilson' };
    const value = sum / count;
    if (!needsBootstrap[m] || !reps) return { value, ci: wilson(Math.round(num), n), n, items: k, method: 'wilson' };
    const [wlo, whi] = wilson(value * k, k);
    const [blo, bhi] = reps.interval(m, colOf(m), scratch);
    const lo = Math.max(0, Math.min(wlo, Number.isFinite(blo) ? blo : wlo, value));
    const hi = Math.min(1, Math.max(whi, Number.isFinite(bhi) ? bhi : whi, value));
    return { value, ci: [lo, hi], n, items: k, method: 'bootstrap' };
  };
  const labels = Object.fromEntries(LABELS.map((l, m) => [l, rate(m)])) as Record<Label, Rate>;
  const omission = rate(OMITTED);
  return {
    items: list.filter((c) => c.count[LABELS.length]! > 0).length,
    judged,
    excluded: draws - judged,
    labels,
    censorshipIndex: rate(LABELS.length),
    omission: omission.n === 0 ? null : omission,
    narrative: rate(LABELS.length + 2),
  };
}
