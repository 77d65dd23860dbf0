import { clusterBootstrap, signFlipTest } from './bootstrap.js';
import type { Interval } from './interval.js';
import { censoredRate, itemKey, type ItemRecord } from './items.js';
import { mcnemar } from './mcnemar.js';
import { resamplerOf, type StatsOptions } from './rates.js';

export type ContrastKind = 'asymmetry' | 'language-gap' | 'host-gap' | 'model-gap' | 'did';

/** A paired difference of censorship indices with its 95% interval and a paired test. */
export interface Contrast {
  kind: ContrastKind;
  model: string;
  /** The second model (host gap, model gap, difference-in-differences). */
  modelB?: string;
  topic?: string;
  /** For a language gap: the language compared with `baseLang`. */
  lang?: string;
  baseLang?: string;
  group?: 'sensitive' | 'control';
  /** Mean over pairs of the paired difference. */
  value: number;
  ci: Interval;
  /** Two-sided p-value of the paired test named in `test`. */
  p: number;
  test: 'sign-flip' | 'mcnemar-mid-p';
  /** Paired units (item × language). */
  pairs: number;
  /** Distinct items (probe ids): the resampling clusters. */
  items: number;
  mcnemar?: { b: number; c: number; exact: number; midP: number };
}

/** One paired unit: an item in one language with its difference; `cluster` is the probe id. */
export interface PairUnit {
  cluster: string;
  d: number;
  /** Item-level censored yes/no (share ≥ ½) on each side, for McNemar. */
  a?: boolean;
  b?: boolean;
}

/** Finds item records by model, probe id and language. */
export class ItemIndex {
  private readonly map = new Map<string, ItemRecord>();
  constructor(readonly records: readonly ItemRecord[]) {
    for (const r of records) this.map.set(itemKey(r.model, r.probeId, r.lang), r);
  }
  /** The record when it has at least one judged answer. */
  judged(model: string, probeId: string, lang: string): ItemRecord | undefined {
    const r = this.map.get(itemKey(model, probeId, lang));
    return r && r.judged > 0 ? r : undefined;
  }
}

/**
 * Mean difference over units with a cluster-bootstrap interval and a paired test: McNemar's
 * mid-p when every unit carries yes/no sides, otherwise the sign-flip test over clusters.
 */
export function pairedContrast(units: readonly PairUnit[], opts: StatsOptions & { mcnemar?: boolean; range?: number }):
  Pick<Contrast, 'value' | 'ci' | 'p' | 'test' | 'pairs' | 'items' | 'mcnemar'> {
  const byCluster = new Map<string, { id: string; sum: number; count: number }>();
  for (const u of units) {
    const c = byCluster.get(u.cluster);
    if (c) {
      c.sum += u.d;
      c.count += 1;
    } else byCluster.set(u.cluster, { id: u.cluster, sum: u.d, count: 1 });
  }
  const clusters = [...byCluster.values()];
  const value = units.length === 0 ? 0 : units.reduce((a, u) => a + u.d, 0) / units.length;
  const resampler = resamplerOf(opts);
  const range = opts.range ?? 1;
  let ci: Interval = [-range, range];
  if (clusters.length >= 2) {
    const [lo, hi] = clusterBootstrap(clusters, resampler);
    ci = [Math.max(-range, Math.min(lo, value)), Math.min(range, Math.max(hi, value))];
  }
  const base = { value, ci, pairs: units.length, items: clusters.length };
  if (opts.mcnemar) {
    let b = 0;
    let c = 0;
    for (const u of units) {
      if (u.a && !u.b) b++;
      else if (!u.a && u.b) c++;
    }
    const m = mcnemar(b, c);
    return { ...base, p: m.midP, test: 'mcnemar-mid-p', mcnemar: m };
  }
  return { ...base, p: signFlipTest(clusters, resampler), test: 'sign-flip' };
}

/** Sensitive item minus the mean of its matched controls (same model, same language). */
export function asymmetryUnit(index: ItemIndex, s: ItemRecord): number | undefined {
  if (!s.sensitive || s.judged === 0 || s.controls.length === 0) return undefined;
  const ctl = s.controls.map((id) => index.judged(s.model, id, s.lang)).filter((r): r is ItemRecord => r !== undefined);
  if (ctl.length === 0) return undefined;
  return censoredRate(s) - ctl.reduce((a, r) => a + censoredRate(r), 0) / ctl.length;
}

const yes = (r: ItemRecord): boolean => censoredRate(r) >= 0.5;

/** Asymmetry of one model, optionally within one topic (of the sensitive items) or language. */
export function asymmetry(index: ItemIndex, model: string, opts: StatsOptions & { topic?: string; lang?: string }): Contrast {
  const units: PairUnit[] = [];
  for (const s of index.records) {
    if (s.model !== model || (opts.topic !== undefined && s.topic !== opts.topic) || (opts.lang !== undefined && s.lang !== opts.lang)) continue;
    const d = asymmetryUnit(index, s);
    if (d !== undefined) units.push({ cluster: s.probeId, d });
  }
  return {
    kind: 'asymmetry', model, ...(opts.topic !== undefined && { topic: opts.topic }), ...(opts.lang !== undefined && { lang: opts.lang }),
    ...pairedContrast(units, opts),
  };
}

/** `lang` minus `baseLang` for the same items (same probe id) of one model. */
export function languageGap(index: ItemIndex, model: string, lang: string, baseLang: string, group: 'sensitive' | 'control',
  opts: StatsOptions & { topic?: string }): Contrast {
  const units: PairUnit[] = [];
  for (const r of index.records) {
    if (r.model !== model || r.lang !== lang || r.judged === 0 || r.sensitive !== (group === 'sensitive')) continue;
    if (opts.topic !== undefined && r.topic !== opts.topic) continue;
    if (group === 'control' && (r.qtype === 'neutral' || r.qtype === 'unsafe')) continue;
    const base = index.judged(model, r.probeId, baseLang);
    if (base) units.push({ cluster: r.probeId, d: censoredRate(r) - censoredRate(base) });
  }
  return {
    kind: 'language-gap', model, lang, baseLang, group, ...(opts.topic !== undefined && { topic: opts.topic }),
    ...pairedContrast(units, opts),
  };
}

/** Model A minus model B on the sensitive items both answered (same probe id and language). */
export function modelGap(index: ItemIndex, a: string, b: string, kind: 'model-gap' | 'host-gap', opts: StatsOptions & { topic?: string }): Contrast {
  const units: PairUnit[] = [];
  for (const r of index.records) {
    if (r.model !== a || !r.sensitive || r.judged === 0 || (opts.topic !== undefined && r.topic !== opts.topic)) continue;
    const other = index.judged(b, r.probeId, r.lang);
    if (other) units.push({ cluster: r.probeId, d: censoredRate(r) - censoredRate(other), a: yes(r), b: yes(other) });
  }
  return {
    kind, model: a, modelB: b, group: 'sensitive', ...(opts.topic !== undefined && { topic: opts.topic }),
    ...pairedContrast(units, { ...opts, mcnemar: true }),
  };
}

/** (sensitive − control) of model A minus that of model B, paired by sensitive item and language. */
export function differenceInDifferences(index: ItemIndex, a: string, b: string, opts: StatsOptions & { topic?: string }): Contrast {
  const units: PairUnit[] = [];
  for (const s of index.records) {
    if (s.model !== a || (opts.topic !== undefined && s.topic !== opts.topic)) continue;
    const da = asymmetryUnit(index, s);
    const sb = index.judged(b, s.probeId, s.lang);
    const db = sb && asymmetryUnit(index, sb);
    if (da !== undefined && db !== undefined) units.push({ cluster: s.probeId, d: da - db });
  }
  return {
    kind: 'did', model: a, modelB: b, ...(opts.topic !== undefined && { topic: opts.topic }),
    ...pairedContrast(units, { ...opts, range: 2 }),
  };
}
