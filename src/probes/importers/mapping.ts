/**
 * Column mapping shared by the tabular importers: which source column feeds which suite field.
 * @module
 */
import { ConfigError } from '../../core/errors.js';
import { LANG_PATTERN } from '../schema.js';
import type { ImportRow } from './types.js';

const FIELDS = new Set(['prompt', 'id', 'topic', 'lang', 'type', 'sensitive']);

/** Checks a mapping's targets; `prompt.<lang>` needs a canonical BCP 47 tag. */
export function checkMapping(map: Record<string, string>): void {
  for (const [column, target] of Object.entries(map)) {
    const lang = target.startsWith('prompt.') ? target.slice('prompt.'.length) : undefined;
    if (lang !== undefined ? !LANG_PATTERN.test(lang) : !FIELDS.has(target)) {
      throw new ConfigError(`--map ${column}=${target}: unknown field "${target}"; use prompt, prompt.<lang> (e.g. prompt.zh-Hans), id, topic, lang, type or sensitive`);
    }
  }
}

/**
 * The mapping in force: the identity for columns named like a field (`prompt`, `topic`, …),
 * then the format's preset, then the user's `--map` (later wins for a column).
 */
export function effectiveMapping(columns: readonly string[], preset: Record<string, string>, user: Record<string, string> = {}): Record<string, string> {
  checkMapping(user);
  const map: Record<string, string> = {};
  for (const c of columns) if (FIELDS.has(c)) map[c] = c;
  Object.assign(map, preset, user);
  for (const column of Object.keys(user)) {
    if (!columns.includes(column)) throw new ConfigError(`--map names column "${column}", which the input does not have (columns: ${columns.join(', ')})`);
  }
  if (!Object.values(map).some((t) => t === 'prompt' || t.startsWith('prompt.'))) {
    throw new ConfigError(`no column maps to the prompt (columns: ${columns.join(', ')}); use --map <column>=prompt`);
  }
  return map;
}

/** One row from a record of column → value. */
export function mapRecord(record: Record<string, unknown>, line: number, map: Record<string, string>): ImportRow {
  const fields = new Map<string, { column: string; value: unknown }>();
  for (const [column, target] of Object.entries(map)) {
    if (column in record) fields.set(target, { column, value: record[column] });
  }
  return { line, fields };
}
