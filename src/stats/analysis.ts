import { OUTCOMES, type Outcome } from '../core/types.js';
import type { ArmsAnalysis } from './arms.js';
import { asymmetryFamily, differenceInDifferences, ItemIndex, languageGap, modelGap, type Contrast } from './contrasts.js';
import { modelBlocks } from './blocks.js';
import { defaultModelName, GROUPS, type Group } from './groups.js';
import type { ItemRecord } from './items.js';
import { resamplerOf, type RateBlock, type StatsOptions } from './rates.js';

export const ANALYSIS_SCHEMA_VERSION = 1;
/**
 * The version of how the statistics are computed. Stored analyses (store snapshots) are keyed by
 * it: bump it with any change that can move a number, so none is served from an older computation.
 */
export const STATS_VERSION = 3;

export interface AnalysisOptions extends StatsOptions {
  /** The language gaps are measured against (default 'en'). */
  baseLang?: string;
  /** Model name of a stored model spec, to find one model on two hosts (default: parsed from the spec). */
  nameOf?: (model: string) => string;
  /**
   * 'overview': only what a run's overview shows (coverage, groups, topics, asymmetry); cells and
   * the language, host, model and difference-in-differences contrasts are left empty, and callers
   * leave out the arms. Default 'full'.
   */
  scope?: AnalysisScope;
}

export type AnalysisScope = 'full' | 'overview';

/** Per model × language × topic × question type. */
export interface Cell extends RateBlock {
  model: string;
  lang: string;
  topic: string;
  qtype: string;
  group: Group;
}

export interface ModelStats extends RateBlock {
  model: string;
}

export interface TopicStats extends RateBlock {
  model: string;
  topic: string;
  group: Group;
}

export interface GroupStatsBlock extends RateBlock {
  model: string;
  group: Group;
  /** null: all languages pooled. */
  lang: string | null;
}

export interface ModelCoverage {
  model: string;
  answers: number;
  judged: number;
  coverage: number;
  outcomes: Record<Outcome, number>;
}

/** Everything the reports, `compare` and `gate` read: pure data, JSON-serialisable. */
export interface Analysis {
  schemaVersion: number;
  seed: number;
  resamples: number;
  /** 'full', or 'overview' when cells and most contrasts were skipped (AnalysisOptions.scope). */
  scope: AnalysisScope;
  baseLang: string;
  models: string[];
  langs: string[];
  coverage: ModelCoverage[];
  /** Per model, every group and language pooled (the top level of `candor audit`'s summary). */
  overall: ModelStats[];
  cells: Cell[];
  topics: TopicStats[];
  groups: GroupStatsBlock[];
  contrasts: {
    /** Per model: overall, per language, per sensitive topic. */
    asymmetry: Contrast[];
    languageGap: Contrast[];
    hostGap: Contrast[];
    modelGap: Contrast[];
    did: Contrast[];
  };
  /** Experimental arms side by side (docs/ARMS.md); set by callers that read every arm's answers. */
  arms?: ArmsAnalysis;
}


/**
 * All statistics of a set of item records (one run, or several runs' models side by side).
 * Deterministic for a given seed.
 * @example const a = analyze(itemsOf(answers), { seed: 1 });
 */
export function analyze(records: readonly ItemRecord[], opts: AnalysisOptions): Analysis {
  const baseLang = opts.baseLang ?? 'en';
  const nameOf = opts.nameOf ?? defaultModelName;
  const models = [...new Set(records.map((r) => r.model))].sort();
  const langs = [...new Set(records.map((r) => r.lang))].sort();
  const index = new ItemIndex(records);

  const resampler = resamplerOf(opts);
  const o = { ...opts, resampler };
  const full = (opts.scope ?? 'full') === 'full';
  const cells: Cell[] = [];
  const topics: TopicStats[] = [];
  const groups: GroupStatsBlock[] = [];
  const overall: ModelStats[] = [];
  for (const model of models) {
    const b = modelBlocks(records.filter((r) => r.model === model), langs, o, full);
    overall.push({ model, ...b.overall });
    cells.push(...b.cells.map((c) => ({ model, ...c })));
    topics.push(...b.topics.map((t) => ({ model, ...t })));
    groups.push(...b.groups.map((g) => ({ model, ...g })));
  }
  cells.sort((a, b) => cmp(a.model, b.model) || cmp(a.topic, b.topic) || cmp(a.qtype, b.qtype) || cmp(a.lang, b.lang));
  topics.sort((a, b) => cmp(a.model, b.model) || GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || cmp(a.topic, b.topic));

  const asym: Contrast[] = [];
  const langGaps: Contrast[] = [];
  for (const model of models) {
    asym.push(...asymmetryFamily(index, model, langs, o));
    for (const lang of full ? langs : []) {
      if (lang === baseLang) continue;
      for (const group of ['sensitive', 'control'] as const) langGaps.push(languageGap(index, model, lang, baseLang, group, o));
    }
  }
  const hostGap: Contrast[] = [];
  const mGap: Contrast[] = [];
  const did: Contrast[] = [];
  for (let i = 0; full && i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      const [a, b] = [models[i]!, models[j]!];
      if (nameOf(a) === nameOf(b)) hostGap.push(modelGap(index, a, b, 'host-gap', o));
      mGap.push(modelGap(index, a, b, 'model-gap', o));
      did.push(differenceInDifferences(index, a, b, o));
    }
  }
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    seed: opts.seed,
    resamples: opts.resamples ?? 1000,
    scope: opts.scope ?? 'full',
    baseLang,
    models,
    langs,
    coverage: models.map((model) => coverageOf(model, records)),
    overall,
    cells,
    topics,
    groups,
    contrasts: {
      asymmetry: asym,
      languageGap: langGaps.filter((c) => c.pairs > 0),
      hostGap,
      modelGap: mGap,
      did,
    },
  };
}

function coverageOf(model: string, records: readonly ItemRecord[]): ModelCoverage {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let answers = 0;
  let judged = 0;
  for (const r of records) {
    if (r.model !== model) continue;
    answers += r.draws;
    judged += r.judged;
    for (const o of OUTCOMES) outcomes[o] += r.outcomes[o];
  }
  return { model, answers, judged, coverage: answers === 0 ? 0 : judged / answers, outcomes };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The pooled block of one model and group (all languages), if any. */
export function groupBlock(a: Analysis, model: string, group: Group, lang: string | null = null): GroupStatsBlock | undefined {
  return a.groups.find((g) => g.model === model && g.group === group && g.lang === lang);
}

/** The overall asymmetry of a model (all languages, all topics). */
export function overallAsymmetry(a: Analysis, model: string): Contrast | undefined {
  return a.contrasts.asymmetry.find((c) => c.model === model && c.topic === undefined && c.lang === undefined);
}
