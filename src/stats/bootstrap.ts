import type { Interval } from './interval.js';
import { deriveSeed, mulberry32 } from './prng.js';

export const DEFAULT_RESAMPLES = 1000;

/** P(X ≤ k) for X ~ Poisson(1), k = 0…11 (P(X > 11) < 1e-9: such a draw counts as 12). */
const POISSON1_CDF: readonly number[] = (() => {
  const cdf: number[] = [];
  let p = Math.exp(-1);
  let acc = 0;
  for (let k = 0; k < 12; k++) {
    acc += p;
    cdf.push(acc);
    p /= k + 1;
  }
  return cdf;
})();

function poisson1(u: number): number {
  let k = 0;
  while (k < POISSON1_CDF.length && u >= POISSON1_CDF[k]!) k++;
  return k;
}

/**
 * The resampling weights of a Poisson bootstrap, one row per cluster (probe id): replicate r
 * gives cluster c the weight w[c][r] ~ Poisson(1), drawn from a stream seeded by the run seed
 * and the cluster id only. Every statistic computed with one resampler therefore resamples the
 * same clusters the same way, so a block's replicate sums are the sums of its parts' (nested
 * cells are bootstrapped once, not once per level) and an interval depends only on the seed and
 * its own data, never on the order of computation. Rows are made on first use and kept.
 * (Poisson weights approximate resampling k of k clusters with replacement: Hanley &
 * MacGibbon 2006; Chamandy et al. 2012.) Also provides random signs for the sign-flip test.
 * @example const rs = new Resampler(1); rs.weightsOf('tiananmen-01').length // 1000
 */
export class Resampler {
  readonly resamples: number;
  private readonly weights = new Map<string, Uint8Array>();
  private readonly signs = new Map<string, Int8Array>();

  constructor(readonly seed: number, resamples: number = DEFAULT_RESAMPLES) {
    if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
    this.resamples = resamples;
  }

  weightsOf(cluster: string): Uint8Array {
    let w = this.weights.get(cluster);
    if (!w) {
      const rng = mulberry32(deriveSeed(this.seed, `poisson\u0000${cluster}`));
      w = new Uint8Array(this.resamples);
      for (let r = 0; r < w.length; r++) w[r] = poisson1(rng());
      this.weights.set(cluster, w);
    }
    return w;
  }

  signsOf(cluster: string): Int8Array {
    let s = this.signs.get(cluster);
    if (!s) {
      const rng = mulberry32(deriveSeed(this.seed, `sign\u0000${cluster}`));
      s = new Int8Array(this.resamples);
      for (let r = 0; r < s.length; r++) s[r] = rng() < 0.5 ? -1 : 1;
      this.signs.set(cluster, s);
    }
    return s;
  }
}

/**
 * Bootstrap replicates of several ratio means at once: for each metric m and replicate r,
 * Σ_c w[c][r]·sum_c[m] over clusters, and the matching weighted counts in a few count columns
 * (metrics that share a denominator share a column). Additive: the replicates of a union of
 * disjoint record sets are the sums of theirs.
 */
export class Replicates {
  readonly sum: Float64Array;
  readonly count: Float64Array;

  constructor(readonly metrics: number, readonly cols: number, readonly resamples: number) {
    this.sum = new Float64Array(metrics * resamples);
    this.count = new Float64Array(cols * resamples);
  }

  /** Adds one cluster's sums (per metric) and counts (per column) with its weights. */
  addCluster(w: Uint8Array, sums: ArrayLike<number>, counts: ArrayLike<number>): void {
    const b = this.resamples;
    for (let m = 0; m < this.metrics; m++) addScaled(this.sum, m * b, w, sums[m]!, b);
    for (let j = 0; j < this.cols; j++) addScaled(this.count, j * b, w, counts[j]!, b);
  }

  addAll(other: Replicates): void {
    for (let i = 0; i < this.sum.length; i++) this.sum[i]! += other.sum[i]!;
    for (let i = 0; i < this.count.length; i++) this.count[i]! += other.count[i]!;
  }

  /** Percentile 95% interval of metric m over count column `col` (replicates with no count are skipped). */
  interval(m: number, col: number, scratch = new Float64Array(this.resamples)): Interval {
    return ratioInterval(this.sum, m * this.resamples, this.count, col * this.resamples, this.resamples, scratch);
  }
}

/** Percentile 95% interval of sum[so + r] / count[co + r] over the b replicates with a count. */
function ratioInterval(sum: Float64Array, so: number, count: Float64Array, co: number, b: number, scratch: Float64Array): Interval {
  let n = 0;
  for (let r = 0; r < b; r++) {
    const c = count[co + r]!;
    if (c > 0) scratch[n++] = sum[so + r]! / c;
  }
  return percentile95(scratch, n);
}

function addScaled(into: Float64Array, offset: number, w: Uint8Array, x: number, b: number): void {
  if (x === 0) return;
  for (let r = 0; r < b; r++) into[offset + r]! += w[r]! * x;
}

/**
 * The 2.5th and 97.5th percentiles (linear interpolation) of xs[0..n), found by selection, not
 * a full sort. Reorders xs.
 */
export function percentile95(xs: Float64Array, n: number): Interval {
  if (n === 0) return [Number.NaN, Number.NaN];
  return [quantileInPlace(xs, n, 0.025), quantileInPlace(xs, n, 0.975)];
}

/** The q-quantile of xs[0..n) (linear interpolation between order statistics). */
function quantileInPlace(xs: Float64Array, n: number, q: number): number {
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  select(xs, 0, n - 1, lo);
  const a = xs[lo]!;
  if (pos === lo) return a;
  // The next order statistic is the smallest value right of lo.
  let b = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < n; i++) if (xs[i]! < b) b = xs[i]!;
  return a + (b - a) * (pos - lo);
}

/** Quickselect (median-of-three pivots): afterwards xs[k] is the k-th smallest of xs[left..right]. */
function select(xs: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    const pivot = median3(xs[left]!, xs[mid]!, xs[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

const median3 = (a: number, b: number, c: number): number => (a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b);

/** Clusters up to this many are sign-flipped exhaustively (2^12 = 4096 patterns). */
export const EXACT_SIGN_FLIP = 12;

/**
 * Two-sided paired sign-flip (randomization) test of "mean difference = 0": each cluster's
 * summed difference keeps or flips its sign; p is the share of patterns whose |Σ| is at least
 * the observed |Σ|. Exhaustive up to 12 clusters, else the resampler's random signs (one per
 * cluster and replicate) with p = (1 + hits) / (1 + resamples).
 * @example signFlipTest([1, 1, 1, 1, 1].map((sum, i) => ({ id: `p${i}`, sum })), new Resampler(1)) // 2/32
 */
export function signFlipTest(clusters: readonly { id: string; sum: number }[], resampler: Resampler): number {
  const k = clusters.length;
  const observed = Math.abs(clusters.reduce((a, x) => a + x.sum, 0));
  if (k === 0 || observed < 1e-12) return 1;
  if (k <= EXACT_SIGN_FLIP) {
    const eps = 1e-9;
    let hits = 0;
    const total = 1 << k;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += mask & (1 << i) ? -clusters[i]!.sum : clusters[i]!.sum;
      if (Math.abs(s) >= observed - eps) hits++;
    }
    return hits / total;
  }
  const totals = new Float64Array(resampler.resamples);
  for (const c of clusters) addSigned(totals, resampler.signsOf(c.id), c.sum);
  return signFlipP(totals, observed);
}

/** Adds x with the cluster's random signs to the sign-flip totals (one per replicate). */
export function addSigned(totals: Float64Array, signs: Int8Array, x: number): void {
  if (x === 0) return;
  for (let r = 0; r < totals.length; r++) totals[r]! += signs[r]! * x;
}

/** The sign-flip p-value from random-sign totals: (1 + hits) / (1 + resamples). */
export function signFlipP(totals: Float64Array, observed: number): number {
  const eps = 1e-9;
  let hits = 0;
  for (let r = 0; r < totals.length; r++) if (Math.abs(totals[r]!) >= observed - eps) hits++;
  return (1 + hits) / (1 + totals.length);
}

/**
 * Replicate sums of a paired mean over clusters (bootstrap numerator and denominator, and the
 * sign-flip totals). Each unit adds with its cluster's weights and signs, so the sums of disjoint
 * unit sets add up: a contrast over several parts is the sum of the parts'.
 */
export class PairedReplicates {
  readonly sum: Float64Array;
  readonly count: Float64Array;
  readonly flips: Float64Array;

  /** `withFlips` false: no sign-flip totals (a contrast tested otherwise). */
  constructor(readonly resamples: number, readonly withFlips = true) {
    this.sum = new Float64Array(resamples);
    this.count = new Float64Array(resamples);
    this.flips = new Float64Array(withFlips ? resamples : 0);
  }

  /** Adds a cluster's summed differences over `count` units. */
  add(cluster: string, sum: number, count: number, resampler: Resampler): void {
    const w = resampler.weightsOf(cluster);
    addScaled(this.sum, 0, w, sum, this.resamples);
    addScaled(this.count, 0, w, count, this.resamples);
    if (this.withFlips) addSigned(this.flips, resampler.signsOf(cluster), sum);
  }

  addAll(other: PairedReplicates): void {
    for (let r = 0; r < this.resamples; r++) {
      this.sum[r]! += other.sum[r]!;
      this.count[r]! += other.count[r]!;
    }
    for (let r = 0; r < this.flips.length; r++) this.flips[r]! += other.flips[r]!;
  }

  /** Percentile 95% interval of Σ w·d / Σ w. */
  interval(): Interval {
    return ratioInterval(this.sum, 0, this.count, 0, this.resamples, new Float64Array(this.resamples));
  }
}
