/**
 * Turns imported rows into a suite: stable ids (topic slug + hash of the prompt), one item per
 * id with a prompt per language, and `uncontrolled: true` since imported items have no
 * matched controls. Every bad row is reported with its `file:line` and column.
 * @module
 */
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import { SuiteError, type Issue } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { QUESTION_TYPES, type QuestionType } from '../../core/types.js';
import { ID_PATTERN, LANG_PATTERN } from '../schema.js';
import type { ImportOptions, ParsedRows } from './types.js';

/** `Taiwan independence` → `taiwan-independence`; '' when nothing ASCII is left. */
export function slug(text: string, max = 40): string {
  const s = text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.length <= max ? s : s.slice(0, max).replace(/-+$/, '');
}

/** A stable item id: the topic's slug and the first 10 hex digits of sha256(prompt). */
export function importedId(topic: string, prompt: string): string {
  return `${topic}-${sha256(prompt.trim()).slice(0, 10)}`;
}

interface Item {
  id: string;
  version: 1;
  topic: string;
  type: QuestionType;
  sensitive: boolean;
  prompts: Record<string, { text: string; translation: 'original' | 'machine' }>;
  line: number;
}

export interface ImportedSuite {
  /** The suite as YAML, ready to write. */
  yaml: string;
  items: number;
  rows: number;
  /** Rows that repeated a prompt already imported (same id, language and text). */
  duplicates: number;
}

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** @throws {SuiteError} listing every bad row */
export function buildImportedSuite(parsed: ParsedRows, file: string, format: string, opts: ImportOptions): ImportedSuite {
  const issues: Issue[] = [];
  const items = new Map<string, Item>();
  let duplicates = 0;
  const sourceLang = opts.lang ?? parsed.defaults?.lang ?? 'en';
  if (!LANG_PATTERN.test(sourceLang)) issues.push({ path: '--lang', message: `"${sourceLang}" is not a BCP 47 tag in canonical case (en, zh-Hans, zh-Hant)` });

  for (const row of parsed.rows) {
    const bad = (column: string, message: string): void => void issues.push({ path: `${file}:${row.line} ${column}`, message });
    const get = (field: string): { column: string; value: string | undefined } | undefined => {
      const f = row.fields.get(field);
      return f && { column: f.column, value: text(f.value) };
    };
    const rowLang = get('lang');
    const prompts: { lang: string; text: string; translation: 'original' | 'machine'; column: string }[] = [];
    for (const [field, { column, value }] of row.fields) {
      const t = text(value);
      if (t === undefined || (field !== 'prompt' && !field.startsWith('prompt.'))) continue;
      const lang = field === 'prompt' ? (rowLang?.value ?? parsed.detectLang?.(t) ?? sourceLang) : field.slice('prompt.'.length);
      if (!LANG_PATTERN.test(lang)) bad(rowLang?.column ?? column, `language "${lang}" is not a BCP 47 tag in canonical case (en, zh-Hans, zh-Hant)`);
      prompts.push({ lang, text: t, translation: field === 'prompt' || lang === sourceLang ? 'original' : 'machine', column });
    }
    if (prompts.length === 0) {
      const columns = [...row.fields].filter(([f]) => f === 'prompt' || f.startsWith('prompt.')).map(([, v]) => v.column);
      bad(columns.join(',') || 'prompt', 'missing or blank prompt');
      continue;
    }
    const topicField = get('topic');
    const topicText = topicField?.value ?? opts.topic ?? parsed.defaults?.topic;
    const topic = topicText === undefined ? '' : slug(topicText);
    if (topic === '') {
      bad(topicField?.column ?? 'topic', topicText === undefined ? 'no topic: map a column to topic or pass --topic' : `topic "${topicText}" has no letters or digits a-z, 0-9 to make an id from; pass --topic`);
      continue;
    }
    const typeField = get('type');
    const type = (typeField?.value ?? opts.type ?? parsed.defaults?.type ?? 'direct') as QuestionType;
    if (!QUESTION_TYPES.includes(type)) bad(typeField?.column ?? '--type', `type "${type}" is not one of ${QUESTION_TYPES.join(', ')}`);
    const sensField = get('sensitive');
    let sensitive = opts.sensitive ?? parsed.defaults?.sensitive ?? true;
    if (sensField?.value !== undefined) {
      const v = sensField.value.toLowerCase();
      if (TRUE.has(v)) sensitive = true;
      else if (FALSE.has(v)) sensitive = false;
      else bad(sensField.column, `sensitive "${sensField.value}" is not true/false, yes/no or 1/0`);
    }
    if (sensitive && (type === 'neutral' || type === 'unsafe')) bad(typeField?.column ?? '--type', `"${type}" items are controls and cannot be sensitive`);
    const idField = get('id');
    const id = idField?.value ?? importedId(topic, prompts[0]!.text);
    if (!ID_PATTERN.test(id)) {
      bad(idField?.column ?? 'id', `id "${id}" is not kebab-case (a-z, 0-9, single hyphens)`);
      continue;
    }

    const existing = items.get(id);
    const item: Item = existing ?? { id, version: 1, topic, type, sensitive, prompts: {}, line: row.line };
    if (existing && (existing.topic !== topic || existing.type !== type || existing.sensitive !== sensitive)) {
      bad(idField?.column ?? 'id', `id "${id}" is also on line ${existing.line} with another topic, type or sensitivity`);
      continue;
    }
    for (const p of prompts) {
      const had = item.prompts[p.lang];
      if (had === undefined) item.prompts[p.lang] = { text: p.text, translation: p.translation };
      else if (had.text === p.text) duplicates++;
      else bad(p.column, `item "${id}" already has a ${p.lang} prompt (line ${item.line})`);
    }
    items.set(id, item);
  }
  if (issues.length > 0) throw new SuiteError(file, issues);
  if (items.size === 0) throw new SuiteError(file, [{ path: `${file}:1`, message: 'no rows to import' }]);

  const suiteId = opts.suiteId ?? (slug(basename(file, extname(file))) || 'imported');
  const suite = {
    suite: suiteId,
    version: '0.1.0',
    description: `Imported with candor probes import --from ${format} from ${basename(file)}. Items have no matched controls.`,
    uncontrolled: true,
    retired: [],
    items: [...items.values()].map(({ line: _line, ...item }) => item),
  };
  const header = `# Imported from ${basename(file)} (--from ${format}). Third-party data: keep it out of the repository.\n`;
  return { yaml: header + stringify(suite, { lineWidth: 0 }), items: items.size, rows: parsed.rows.length, duplicates };
}
