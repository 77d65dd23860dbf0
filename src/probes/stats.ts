/**
 * Coverage statistics of a loaded suite: items and prompts by topic × question type, by
 * language and translation status, control coverage, and the topics short of the coverage
 * rules. Pure; the CLI renders it.
 * @module
 */
import type { QuestionType } from '../core/types.js';
import type { SuiteItem } from './schema.js';
import type { LoadedSuite } from './suite-types.js';

/** The question types every sensitive topic should have. */
export const SENSITIVE_TYPES = ['direct', 'indirect', 'individual', 'evaluative', 'creative', 'contested'] as const satisfies readonly QuestionType[];

/** Fewer sensitive items than this in a topic is flagged. */
export const MIN_SENSITIVE_PER_TOPIC = 6;

export type Group = 'sensitive' | 'control' | 'neutral' | 'unsafe';
export type Translation = 'original' | 'machine' | 'reviewed';
type Counts<K extends string> = Record<K, number>;

export interface TopicStats {
  topic: string;
  items: number;
  prompts: number;
  langs: string[];
  /** Items per type, sensitive ones and the rest. */
  sensitive: Partial<Record<QuestionType, number>>;
  other: Partial<Record<QuestionType, number>>;
}

export interface LangStats {
  lang: string;
  items: Counts<Group>;
  translation: Counts<Translation>;
}

export interface SuiteStats {
  suite: { id: string; version: string; hash: string; path?: string };
  parts: number;
  items: Counts<Group> & { total: number };
  prompts: Counts<Group> & { total: number };
  translation: Counts<Translation>;
  /** Sensitive topics (with ≥1 sensitive item) and all topics. */
  topics: { sensitive: number; total: number };
  byTopic: TopicStats[];
  byLang: LangStats[];
  controls: {
    /** Sensitive items with at least one matched control. */
    sensitiveWithControls: number;
    /** Sensitive items exempt from controls (`uncontrolled`). */
    uncontrolled: number;
    /** Control references over all sensitive items. */
    pairs: number;
    /** Control items that no sensitive item lists. */
    unreferenced: string[];
  };
  uncontrolled: boolean;
  controlLanguage?: { lang: string; items: Counts<Group> & { total: number } };
  requireLangs: { topics: string[]; langs: string[] }[];
  /** Sensitive topics short of the coverage rules. */
  flagged: { topic: string; sensitiveItems: number; missingTypes: string[] }[];
}

export function groupOf(item: Pick<SuiteItem, 'sensitive' | 'type'>): Group {
  if (item.sensitive) return 'sensitive';
  return item.type === 'neutral' ? 'neutral' : item.type === 'unsafe' ? 'unsafe' : 'control';
}

const zeroGroups = (): Counts<Group> => ({ sensitive: 0, control: 0, neutral: 0, unsafe: 0 });
const zeroTranslations = (): Counts<Translation> => ({ original: 0, machine: 0, reviewed: 0 });
const bump = <K extends string>(record: Partial<Record<K, number>>, key: K, by = 1): void => {
  record[key] = (record[key] ?? 0) + by;
};

/** @example suiteStats(await loadSuite(defaultSuitePath())).flagged */
export function suiteStats(suite: LoadedSuite): SuiteStats {
  const items = { ...zeroGroups(), total: 0 };
  const prompts = { ...zeroGroups(), total: 0 };
  const translation = zeroTranslations();
  const topics = new Map<string, TopicStats>();
  const langs = new Map<string, LangStats>();
  const referenced = new Set<string>();
  const uncontrolledIds = new Set(suite.uncontrolledIds);
  const controlLang = suite.rules.controlLanguage;
  const inControlLang = { ...zeroGroups(), total: 0 };
  let withControls = 0;
  let uncontrolled = 0;
  let pairs = 0;

  for (const item of suite.items) {
    const group = groupOf(item);
    const entries = Object.entries(item.prompts);
    bump(items, group);
    items.total++;
    bump(prompts, group, entries.length);
    prompts.total += entries.length;
    let topic = topics.get(item.topic);
    if (!topic) topics.set(item.topic, (topic = { topic: item.topic, items: 0, prompts: 0, langs: [], sensitive: {}, other: {} }));
    topic.items++;
    topic.prompts += entries.length;
    bump(item.sensitive ? topic.sensitive : topic.other, item.type);
    for (const [lang, prompt] of entries) {
      if (!topic.langs.includes(lang)) topic.langs.push(lang);
      let stats = langs.get(lang);
      if (!stats) langs.set(lang, (stats = { lang, items: zeroGroups(), translation: zeroTranslations() }));
      bump(stats.items, group);
      bump(stats.translation, prompt.translation);
      bump(translation, prompt.translation);
    }
    if (controlLang !== undefined && controlLang in item.prompts) {
      bump(inControlLang, group);
      inControlLang.total++;
    }
    if (item.sensitive) {
      if (item.controls.length > 0) withControls++;
      else if (uncontrolledIds.has(item.id)) uncontrolled++;
      pairs += item.controls.length;
      for (const c of item.controls) referenced.add(c);
    }
  }

  const byTopic = [...topics.values()].sort((a, b) => a.topic.localeCompare(b.topic));
  for (const t of byTopic) t.langs.sort();
  const flagged = byTopic
    .filter((t) => Object.keys(t.sensitive).length > 0)
    .map((t) => ({
      topic: t.topic,
      sensitiveItems: Object.values(t.sensitive).reduce((a, b) => a + b, 0),
      missingTypes: SENSITIVE_TYPES.filter((type) => !t.sensitive[type]),
    }))
    .filter((f) => f.sensitiveItems < MIN_SENSITIVE_PER_TOPIC || f.missingTypes.length > 0);

  const { id, version, hash, path } = suite.info;
  const stats: SuiteStats = {
    suite: path === undefined ? { id, version, hash } : { id, version, hash, path },
    parts: suite.parts.length,
    items,
    prompts,
    translation,
    topics: { sensitive: byTopic.filter((t) => Object.keys(t.sensitive).length > 0).length, total: byTopic.length },
    byTopic,
    byLang: [...langs.values()].sort((a, b) => b.items.sensitive + b.items.control - (a.items.sensitive + a.items.control) || a.lang.localeCompare(b.lang)),
    controls: {
      sensitiveWithControls: withControls,
      uncontrolled,
      pairs,
      unreferenced: suite.items.filter((i) => groupOf(i) === 'control' && !referenced.has(i.id)).map((i) => i.id),
    },
    uncontrolled: suite.rules.uncontrolled,
    requireLangs: suite.rules.requireLangs.map((r) => ({ topics: [...r.topics], langs: [...r.langs] })),
    flagged,
  };
  if (controlLang !== undefined) stats.controlLanguage = { lang: controlLang, items: inControlLang };
  return stats;
}
