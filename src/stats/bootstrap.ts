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
  // Flat typed arrays: this loop runs resamples × clusters × metrics times.
  const cs = new Float64Array(k * metrics);
  const cc = new Float64Array(k * metrics);
  clusters.forEach((c, i) => {
    for (let m = 0; m < metrics; m++) {
      cs[i * metrics + m] = c.sum[m]!;
      cc[i * metrics + m] = c.count[m]!;
    }
  });
  const sum = new Float64Array(metrics);
  const count = new Float64Array(metrics);
  for (let r = 0; r < b; r++) {
    sum.fill(0);
    count.fill(0);
    for (let i = 0; i < k; i++) {
      const o = Math.floor(rng() * k) * metrics;
      for (let m = 0; m < metrics; m++) {
        sum[m]! += cs[o + m]!;
        count[m]! += cc[o + m]!;
      }
    }
    for (let m = 0; m < metrics; m++) reps[m]![r] = count[m]! > 0 ? sum[m]! / count[m]! : Number.NaN;
  }
  return reps.map(percentileInterval);
}

/** The 2.5th and 97.5th percentiles of the finite replicates (linear interpolation). */
export function percentileInterval(reps: Float64Array): Interval {
  const xs = Array.from(reps).filter(Number.isFinite).sort((a, c) => a - c);
  if (xs.length === 0) return [Number.NaN, Number.NaN];
  return [quantile(xs, 0.025), quantile(xs, 0.975)];
}

function quantile(sorted: readonly number[], q: number): number {
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
