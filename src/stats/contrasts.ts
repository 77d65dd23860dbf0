import { EXACT_SIGN_FLIP, PairedReplicates, signFlipP, signFlipTest, type Resampler } from './bootstrap.js';
import type { Interval } from './interval.js';
import { censoredRate, type ItemRecord } from './items.js';
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
  /** model → language → probe id → record (no key strings built per lookup). */
  private readonly map = new Map<string, Map<string, Map<string, ItemRecord>>>();
  constructor(readonly records: readonly ItemRecord[]) {
    for (const r of records) {
      let byLang = this.map.get(r.model);
      if (!byLang) this.map.set(r.model, (byLang = new Map()));
      let byProbe = byLang.get(r.lang);
      if (!byProbe) byLang.set(r.lang, (byProbe = new Map()));
      byProbe.set(r.probeId, r);
    }
  }
  private readonly memos = new Map<ItemRecord, number | undefined>();
  /** f(this, r), computed once per record (the records do not change). */
  memo(r: ItemRecord, f: (index: ItemIndex, r: ItemRecord) => number | undefined): number | undefined {
    if (this.memos.has(r)) return this.memos.get(r);
    const v = f(this, r);
    this.memos.set(r, v);
    return v;
  }
  /** The record when it has at least one judged answer. */
  judged(model: string, probeId: string, lang: string): ItemRecord | undefined {
    const r = this.map.get(model)?.get(lang)?.get(probeId);
    return r && r.judged > 0 ? r : undefined;
  }
}

/**
 * Mean difference over units with a cluster-bootstrap interval and a paired test: McNemar's
 * mid-p when every unit carries yes/no sides, otherwise the sign-flip test over clusters.
 */
export function pairedContrast(units: readonly PairUnit[], opts: StatsOptions & { mcnemar?: boolean; range?: number },
  replicates?: () => PairedReplicates): Pick<Contrast, 'value' | 'ci' | 'p' | 'test' | 'pairs' | 'items' | 'mcnemar'> {
  const byCluster = new Map<string, { id: string; sum: number; count: number }>();
  let total = 0;
  for (const u of units) {
    total += u.d;
    const c = byCluster.get(u.cluster);
    if (c) {
      c.sum += u.d;
      c.count += 1;
    } else byCluster.set(u.cluster, { id: u.cluster, sum: u.d, count: 1 });
  }
  const clusters = [...byCluster.values()];
  const value = units.length === 0 ? 0 : total / units.length;
  const resampler = resamplerOf(opts);
  const range = opts.range ?? 1;
  const exact = clusters.length <= EXACT_SIGN_FLIP;
  const reps = clusters.length >= 2 || (!opts.mcnemar && !exact) ? (replicates?.() ?? replicatesOfUnits(units, resampler, !opts.mcnemar)) : undefined;
  let ci: Interval = [-range, range];
  if (reps && clusters.length >= 2) {
    const [lo, hi] = reps.interval();
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
  const observed = Math.abs(total);
  const p = exact || !reps || observed < 1e-12 ? signFlipTest(clusters, resampler) : signFlipP(reps.flips, observed);
  return { ...base, p, test: 'sign-flip' };
}

/** The replicate sums of a set of paired units. */
export function replicatesOfUnits(units: readonly PairUnit[], resampler: Resampler, withFlips = true): PairedReplicates {
  const clusters = new Map<string, { sum: number; count: number }>();
  for (const u of units) {
    const c = clusters.get(u.cluster);
    if (c) {
      c.sum += u.d;
      c.count++;
    } else clusters.set(u.cluster, { sum: u.d, count: 1 });
  }
  const reps = new PairedReplicates(resampler.resamples, withFlips);
  for (const [id, c] of clusters) reps.add(id, c.sum, c.count, resampler);
  return reps;
}

/** Sensitive item minus the mean of its matched controls (same model, same language). */
export function asymmetryUnit(index: ItemIndex, s: ItemRecord): number | undefined {
  return index.memo(s, asymmetryOf);
}

function asymmetryOf(index: ItemIndex, s: ItemRecord): number | undefined {
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

/**
 * A model's asymmetry overall, per language and per sensitive topic (in that order), as
 * {@link asymmetry} gives each, with each unit computed and resampled once: the topic × language
 * parts' replicate sums add up to every contrast of the family.
 */
export function asymmetryFamily(index: ItemIndex, model: string, langs: readonly string[], opts: StatsOptions): Contrast[] {
  const resampler = resamplerOf(opts);
  const o = { ...opts, resampler };
  const parts = new Map<string, { topic: string; lang: string; units: PairUnit[]; reps?: PairedReplicates }>();
  const topics = new Set<string>();
  for (const s of index.records) {
    if (s.model !== model || !s.sensitive) continue;
    topics.add(s.topic);
    const d = asymmetryUnit(index, s);
    if (d === undefined) continue;
    const key = `${s.topic}\u0000${s.lang}`;
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { topic: s.topic, lang: s.lang, units: [] }));
    part.units.push({ cluster: s.probeId, d });
  }
  const contrast = (sel: (p: { topic: string; lang: string }) => boolean, extra: { topic?: string; lang?: string }): Contrast => {
    const ps = [...parts.values()].filter(sel);
    const sum = (): PairedReplicates => {
      const total = new PairedReplicates(resampler.resamples);
      for (const p of ps) total.addAll((p.reps ??= replicatesOfUnits(p.units, resampler)));
      return total;
    };
    return { kind: 'asymmetry', model, ...extra, ...pairedContrast(ps.flatMap((p) => p.units), o, sum) };
  };
  return [
    contrast(() => true, {}),
    ...langs.map((lang) => contrast((p) => p.lang === lang, { lang })),
    ...[...topics].sort().map((topic) => contrast((p) => p.topic === topic, { topic })),
  ];
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
