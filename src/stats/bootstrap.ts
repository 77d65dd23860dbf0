import type { Interval } from './interval.js';
import { mulberry32 } from './prng.js';

/** What one cluster (an item) contributes to each of several means: a sum and a count per metric. */
export interface Cluster {
  sum: number[];
  count: number[];
}

export interface BootstrapOptions {
  /** Resamples (default 1000). */
  resamples?: number;
  seed: number;
}

export const DEFAULT_RESAMPLES = 1000;

/**
 * Percentile bootstrap intervals (95%) for several ratio means at once, resampling whole
 * clusters with replacement: each metric's estimate is Σ sum / Σ count over the resampled
 * clusters. One set of resamples serves every metric. A metric with no data gets [NaN, NaN].
 * @example clusterBootstrap([{ sum: [1], count: [1] }, { sum: [0], count: [1] }], 1, { seed: 1 })
 */
export function clusterBootstrap(clusters: readonly Cluster[], metrics: number, opts: BootstrapOptions): Interval[] {
  const k = clusters.length;
  const b = opts.resamples ?? DEFAULT_RESAMPLES;
  if (k === 0) return Array.from({ length: metrics }, () => [Number.NaN, Number.NaN] as Interval);
  const rng = mulberry32(opts.seed);
  const reps = Array.from({ length: metrics }, () => new Float64Array(b));
  // Flat typed arrays: this loop runs resamples × clusters × metrics times. Metrics whose counts
  // are the same in every cluster (the label shares all count judged items) share one count
  // column, so the loop adds each distinct count once.
  const cs = new Float64Array(k * metrics);
  const countCols: number[][] = [];
  const colOf = new Int32Array(metrics);
  for (let m = 0; m < metrics; m++) {
    const col = clusters.map((c) => c.count[m]!);
    let j = countCols.findIndex((other) => other.every((v, i) => v === col[i]));
    if (j < 0) j = countCols.push(col) - 1;
    colOf[m] = j;
  }
  const ncols = countCols.length;
  const cc = new Float64Array(k * ncols);
  clusters.forEach((c, i) => {
    for (let m = 0; m < metrics; m++) cs[i * metrics + m] = c.sum[m]!;
    for (let j = 0; j < ncols; j++) cc[i * ncols + j] = countCols[j]![i]!;
  });
  const sum = new Float64Array(metrics);
  const count = new Float64Array(ncols);
  for (let r = 0; r < b; r++) {
    sum.fill(0);
    count.fill(0);
    for (let i = 0; i < k; i++) {
      const pick = Math.floor(rng() * k);
      const o = pick * metrics;
      for (let m = 0; m < metrics; m++) sum[m]! += cs[o + m]!;
      const oc = pick * ncols;
      for (let j = 0; j < ncols; j++) count[j]! += cc[oc + j]!;
    }
    for (let m = 0; m < metrics; m++) {
      const n = count[colOf[m]!]!;
      reps[m]![r] = n > 0 ? sum[m]! / n : Number.NaN;
    }
  }
  return reps.map(percentileInterval);
}

/** The 2.5th and 97.5th percentiles of the finite replicates (linear interpolation). */
export function percentileInterval(reps: Float64Array): Interval {
  let n = 0;
  const xs = new Float64Array(reps.length);
  for (const x of reps) if (Number.isFinite(x)) xs[n++] = x;
  if (n === 0) return [Number.NaN, Number.NaN];
  const sorted = xs.subarray(0, n).sort();
  return [quantile(sorted, 0.025), quantile(sorted, 0.975)];
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Clusters up to this many are sign-flipped exhaustively (2^12 = 4096 patterns). */
const EXACT_LIMIT = 12;

/**
 * Two-sided paired sign-flip (randomization) test of "mean difference = 0": each cluster's
 * summed difference keeps or flips its sign at random; p is the share of patterns whose
 * |Σ| is at least the observed |Σ|. Exhaustive up to 12 clusters, else `resamples` random
 * patterns with p = (1 + hits) / (1 + resamples).
 * @example signFlipTest([1, 1, 1, 1, 1], { seed: 1 }) // 2/32 = 0.0625
 */
export function signFlipTest(clusterSums: readonly number[], opts: BootstrapOptions): number {
  const k = clusterSums.length;
  const observed = Math.abs(clusterSums.reduce((a, x) => a + x, 0));
  if (k === 0 || observed < 1e-12) return 1;
  const eps = 1e-9;
  if (k <= EXACT_LIMIT) {
    let hits = 0;
    const total = 1 << k;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += mask & (1 << i) ? -clusterSums[i]! : clusterSums[i]!;
      if (Math.abs(s) >= observed - eps) hits++;
    }
    return hits / total;
  }
  const r = opts.resamples ?? DEFAULT_RESAMPLES;
  const rng = mulberry32(opts.seed);
  let hits = 0;
  for (let j = 0; j < r; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += rng() < 0.5 ? -clusterSums[i]! : clusterSums[i]!;
    if (Math.abs(s) >= observed - eps) hits++;
  }
  return (1 + hits) / (1 + r);
}
