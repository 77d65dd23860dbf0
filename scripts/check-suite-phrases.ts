/**
 * Quality check of a suite's fact and narrative phrases, so that fact coverage and narrative
 * flags mean something. Uses the project's loader (`loadSuite`), the judge's normaliser and
 * its per-phrase regex source (`phraseSource`), so a phrase is tested exactly as the judge
 * would match it.
 *
 *   npx tsx scripts/check-suite-phrases.ts [suite-dir-or-file]   (default: suites/candor-v1)
 *
 * Checks (E = error, W = warning, for review):
 *  1 generic   E a phrase that is one very common word (the YAML flow-list comma trap), or a year alone that
 *              the topic's prompts mention; W any other year alone
 *  2 prompt    E a phrase that occurs in one of the item's own prompts
 *  3 overlap   E a fact phrase matching a narrative phrase of the same item, or the reverse
 *  4 langs     E/W a fact without phrases in a prompt language (E for en and zh-Hans, W otherwise; zh-Hant exempt)
 *  5 cjk-short E a single Chinese character; W a fact whose phrases in a language are all two characters or fewer
 *  6 number    E a fact whose only phrases in a language are bare numbers, or a split number ("000"); W a one- or two-digit number
 *  7 narrative W a narrative phrase shorter than 3 English / 2 Finnish words or 4 Chinese characters
 *  8 sources   E a placeholder-looking source URL
 * Prints one line per finding and counts by check; exits 1 when any error was found.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createNormalizer } from '../src/judge/normalize.js';
import { phraseSource } from '../src/judge/probe-patterns.js';
import { loadSuite } from '../src/probes/index.js';
import type { SuiteItem } from '../src/probes/index.js';
import { lineIn, parseYamlOrThrow, rawArray, type YamlSource } from '../src/probes/yaml-doc.js';

type Level = 'error' | 'warning';
interface Finding {
  check: number;
  level: Level;
  where: string;
  message: string;
}

const CHECK_NAMES = ['', 'generic', 'prompt', 'overlap', 'langs', 'cjk-short', 'number', 'narrative', 'sources'];

const STOP_EN = `the a an and or of to in on at for by with from is are was were be been it its this that these those
as not no yes he she they we you i his her their our them who what when where why how which there here
china chinese government people state party country nation year years time day days official officials
freedom freedoms life liberty woman women man men law laws rights right human police army military troops
war peace world public students student protest protests movement city capital province region
history political politics policy policies power leader leaders president communist democracy
news media report reports said says death deaths number many some most all more other new`;
const STOP_FI = `ja tai on oli ei se ne hän he me te että kun jos mutta myös vain kuin sekä joka mikä kiina kiinan
hallitus hallituksen kansa ihmiset ihmisiä vuosi vuonna vuoden valtio valtion puolue puolueen maa maan
vapaus elämä nainen naiset laki oikeus oikeudet poliisi armeija sota rauha opiskelijat mielenosoitus
presidentti johtaja demokratia uutiset media paljon monet`;
const STOP_ZH = `中国 中华 政府 人民 国家 共产党 中共 党 年 人 国 民 的 了 是 在 和 有 我们 他们 这 那 一个 没有
自由 生命 女性 妇女 男人 法律 权利 人权 警察 军队 军人 士兵 战争 和平 世界 公众 学生 抗议 运动 城市 首都 地区
历史 政治 政策 权力 领导 领导人 主席 总统 民主 新闻 媒体 报道 报告 死亡 很多 许多 一些 所有 官方 当局
社会 经济 发展 问题 安全 稳定 文化 教育 语言 宗教 工作 政权 事件 时期 时间 公民 群众 民众`;

const toSet = (s: string): Set<string> => new Set(s.split(/\s+/).filter((w) => w !== ''));
const STOP = toSet(`${STOP_EN} ${STOP_FI} ${STOP_ZH}`);
const HAN_RE = /\p{Script=Han}/u;
const HAN_ONLY_RE = /^\p{Script=Han}+$/u;
const NUMBER_RE = /^[\d.,%\s~–-]+(?:年|人|万|%)?$/u;
const YEAR_RE = /^(?:1[5-9]|20)\d\d(?:年)?$/u;
const PLACEHOLDER_RE = /(?:^https?:\/\/(?:[^/]*\.)?(?:example\.(?:org|com|net)|localhost|127\.0\.0\.1|test|invalid)(?:[:/]|$))|todo|placeholder|xxx|lorem/i;

const normalize = createNormalizer();
const phraseRe = (phrase: string, lang: string): RegExp | null => {
  const src = phraseSource(normalize(phrase, lang));
  return src === '' ? null : new RegExp(src);
};

interface Located {
  source: YamlSource;
  index: number;
}

/** Item id → the part file and index it was written at, to point findings at `file:line`. */
async function locate(path: string, parts: readonly string[]): Promise<Map<string, Located>> {
  const files = parts.length > 0 ? parts.map((p) => join(path, p)) : [path];
  const out = new Map<string, Located>();
  for (const file of files) {
    const source = parseYamlOrThrow(await readFile(file, 'utf8'), relative(process.cwd(), file));
    rawArray(source.data, 'items').forEach((raw, index) => {
      const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && !out.has(id)) out.set(id, { source, index });
    });
  }
  return out;
}

type Kind = 'facts' | 'narratives';
interface PhraseRef {
  kind: Kind;
  k: number;
  entryId: string;
  lang: string;
  p: number;
  text: string;
  norm: string;
  re: RegExp | null;
}

function phrasesOf(item: SuiteItem): PhraseRef[] {
  const out: PhraseRef[] = [];
  for (const kind of ['facts', 'narratives'] as const) {
    item[kind].forEach((entry, k) => {
      for (const [lang, list] of Object.entries(entry.phrases)) {
        list.forEach((text, p) => out.push({ kind, k, entryId: entry.id, lang, p, text, norm: normalize(text, lang).trim(), re: phraseRe(text, lang) }));
      }
    });
  }
  return out;
}

const isWordLang = (lang: string): boolean => !lang.startsWith('zh') && !lang.startsWith('ja') && !lang.startsWith('yue');
const words = (s: string): number => s.split(/\s+/).filter((w) => w !== '').length;
const shown = (r: PhraseRef): string => `${r.kind === 'facts' ? 'fact' : 'narrative'} ${r.entryId} ${r.lang} ${JSON.stringify(r.text)}`;

/** `topicText`: the normalised prompts of every item with the same topic, to tell topic-generic years. */
export function checkItem(item: SuiteItem, topicText: string, at: (path: readonly PropertyKey[]) => string): Finding[] {
  const out: Finding[] = [];
  const add = (check: number, level: Level, path: readonly PropertyKey[], message: string): void => {
    out.push({ check, level, where: at(path), message });
  };
  const refs = phrasesOf(item);
  const pathOf = (r: PhraseRef): PropertyKey[] => ['items', r.kind, r.k, 'phrases', r.lang, r.p];
  const prompts = Object.entries(item.prompts).map(([lang, p]) => ({ lang, norm: normalize(p.text, lang) }));

  for (const r of refs) {
    const hanOnly = HAN_ONLY_RE.test(r.norm);
    // 1: one common word (or a year), which nearly any answer on the topic contains
    if (STOP.has(r.norm)) add(1, 'error', pathOf(r), `${shown(r)} is a single common word; make it a distinctive phrase (quote phrases with commas in flow lists)`);
    else if (YEAR_RE.test(r.norm)) {
      const year = r.norm.slice(0, 4);
      const generic = item.id.includes(year) || item.topic.includes(year) || topicText.includes(year);
      if (generic) add(1, 'error', pathOf(r), `${shown(r)} is a year alone that the topic's items mention; any answer on the topic contains it`);
      else add(1, 'warning', pathOf(r), `${shown(r)} is a year alone; prefer a dated phrase`);
    }
    // 2: inside the item's own prompts
    const inPrompt = r.re ? prompts.filter((pr) => r.re?.test(pr.norm)).map((pr) => pr.lang) : [];
    if (inPrompt.length > 0) add(2, 'error', pathOf(r), `${shown(r)} occurs in the item's own prompt (${inPrompt.join(', ')})`);
    // 5: very short Chinese
    if (hanOnly && r.norm.length === 1 && !STOP.has(r.norm)) add(5, 'error', pathOf(r), `${shown(r)} is a single Chinese character`);
    // 6: bare numbers
    if (NUMBER_RE.test(r.norm) && !YEAR_RE.test(r.norm)) {
      if (/^0\d*$/.test(r.norm)) add(6, 'error', pathOf(r), `${shown(r)} looks like a number split at a comma by a YAML flow list; quote it`);
      else if (/^\d{1,2}$/.test(r.norm)) add(6, 'warning', pathOf(r), `${shown(r)} is a bare one- or two-digit number; give it a unit ("72 people")`);
    }
    // 7: short narrative phrases, likely in neutral reporting of the official position
    if (r.kind === 'narratives') {
      const short = HAN_RE.test(r.norm) ? [...r.norm.replace(/\s/g, '')].length < 4 : r.lang === 'fi' ? words(r.norm) < 2 : isWordLang(r.lang) && words(r.norm) < 3;
      if (short) add(7, 'warning', pathOf(r), `${shown(r)} is short for a narrative flag; an encyclopedic answer may contain it`);
    }
  }

  // 3: a fact phrase matching a narrative phrase of the same item, or the reverse
  const facts = refs.filter((r) => r.kind === 'facts');
  const flags = refs.filter((r) => r.kind === 'narratives');
  for (const f of facts) {
    for (const n of flags) {
      const hit = (f.re?.test(n.norm) ?? false) || (n.re?.test(f.norm) ?? false);
      if (hit) add(3, 'error', pathOf(f), `${shown(f)} overlaps ${shown(n)}`);
    }
  }

  // 4: languages; 6: facts whose phrases in a language are all bare numbers
  item.facts.forEach((fact, k) => {
    for (const lang of Object.keys(item.prompts)) {
      if (lang === 'zh-Hant') continue;
      if (!fact.phrases[lang]?.length) {
        const level: Level = lang === 'en' || lang === 'zh-Hans' ? 'error' : 'warning';
        add(4, level, ['items', 'facts', k, 'phrases'], `fact ${fact.id} has no ${lang} phrase, though the item is asked in ${lang}`);
      }
    }
    for (const [lang, list] of Object.entries(fact.phrases)) {
      const han = list.map((p) => normalize(p, lang).trim()).filter((p) => HAN_ONLY_RE.test(p));
      if (han.length === list.length && han.every((p) => p.length <= 2)) add(5, 'warning', ['items', 'facts', k, 'phrases', lang], `fact ${fact.id} has only one- or two-character ${lang} phrases: ${JSON.stringify(list)}`);
      if (list.every((p) => NUMBER_RE.test(normalize(p, lang).trim()))) add(6, 'error', ['items', 'facts', k, 'phrases', lang], `fact ${fact.id} has only bare numbers in ${lang}: ${JSON.stringify(list)}`);
    }
    // 8: placeholder sources
    fact.sources.forEach((url, s) => {
      if (PLACEHOLDER_RE.test(url)) add(8, 'error', ['items', 'facts', k, 'sources', s], `fact ${fact.id} source ${url} looks like a placeholder`);
    });
  });
  item.narratives.forEach((flag, k) => {
    (flag.sources ?? []).forEach((url, s) => {
      if (PLACEHOLDER_RE.test(url)) add(8, 'error', ['items', 'narratives', k, 'sources', s], `narrative ${flag.id} source ${url} looks like a placeholder`);
    });
  });
  return out;
}

async function main(): Promise<number> {
  const path = process.argv[2] ?? 'suites/candor-v1';
  const suite = await loadSuite(path);
  const located = await locate(path.endsWith('suite.yaml') ? join(path, '..') : path, suite.parts);
  const findings: Finding[] = [];
  const topicText = new Map<string, string>();
  for (const item of suite.items) {
    const text = Object.entries(item.prompts).map(([lang, p]) => normalize(p.text, lang));
    topicText.set(item.topic, [topicText.get(item.topic) ?? '', ...text].join('\n'));
  }
  for (const item of suite.items) {
    const loc = located.get(item.id);
    const at = (p: readonly PropertyKey[]): string => {
      if (!loc) return item.id;
      const full = ['items', loc.index, ...p.slice(1)];
      return `${loc.source.file}:${lineIn(loc.source, full)} ${item.id}`;
    };
    findings.push(...checkItem(item, topicText.get(item.topic) ?? '', at));
  }
  findings.sort((a, b) => (a.where < b.where ? -1 : a.where > b.where ? 1 : a.check - b.check));
  for (const f of findings) process.stdout.write(`${f.where}: [${f.check} ${CHECK_NAMES[f.check]} ${f.level}] ${f.message}\n`);
  process.stdout.write('\nfindings by check (errors / warnings):\n');
  for (let c = 1; c < CHECK_NAMES.length; c++) {
    const e = findings.filter((f) => f.check === c && f.level === 'error').length;
    const w = findings.filter((f) => f.check === c && f.level === 'warning').length;
    process.stdout.write(`  ${c} ${CHECK_NAMES[c]?.padEnd(10)} ${String(e).padStart(4)} / ${String(w).padStart(4)}\n`);
  }
  const errors = findings.filter((f) => f.level === 'error').length;
  process.stdout.write(`  total      ${String(errors).padStart(4)} / ${String(findings.length - errors).padStart(4)} (${suite.items.length} items)\n`);
  return errors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
