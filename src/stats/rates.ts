import { LABELS, type Label } from '../core/types.js';
import { clusterBootstrap, type Cluster } from './bootstrap.js';
import { wilson, type Interval } from './interval.js';
import type { ItemRecord } from './items.js';
import { deriveSeed } from './prng.js';

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
}

/** Metric order inside a cluster's sums: the five labels, then censored, omitted, narrative. */
const METRICS = LABELS.length + 3;

function numDen(r: ItemRecord, m: number): [number, number] {
  if (m < LABELS.length) return [r.labels[LABELS[m]!], r.judged];
  if (m === LABELS.length) return [r.censored, r.judged];
  if (m === LABELS.length + 1) return [r.omitted, r.factJudged];
  return [r.narrative, r.judged];
}

/**
 * Shares with 95% intervals over item records. Draws are averaged within each item first and
 * items are the resampling unit (clustered by probe id, so an item's languages move together).
 * Where every item contributes at most one answer the Wilson interval is used; otherwise the
 * percentile bootstrap over items, widened where needed to contain the Wilson interval on the
 * item count (so all-0 or all-1 data never get a zero-width interval).
 * `key` names the computation; with the seed it fixes the resamples.
 */
export function rateBlock(records: readonly ItemRecord[], key: string, opts: StatsOptions): RateBlock {
  const clusters = new Map<string, Cluster & { den: number[] }>();
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
  const boot = needsBootstrap.some(Boolean)
    ? clusterBootstrap(list, METRICS, { seed: deriveSeed(opts.seed, key), ...(opts.resamples && { resamples: opts.resamples }) })
    : [];
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
    if (!needsBootstrap[m]) return { value, ci: wilson(Math.round(num), n), n, items: k, method: 'wilson' };
    const [wlo, whi] = wilson(value * k, k);
    const [blo, bhi] = boot[m]!;
    const lo = Math.max(0, Math.min(wlo, Number.isFinite(blo) ? blo : wlo, value));
    const hi = Math.min(1, Math.max(whi, Number.isFinite(bhi) ? bhi : whi, value));
    return { value, ci: [lo, hi], n, items: k, method: 'bootstrap' };
  };
  const labels = Object.fromEntries(LABELS.map((l, m) => [l, rate(m)])) as Record<Label, Rate>;
  const omission = rate(LABELS.length + 1);
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
