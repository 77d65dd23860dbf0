/**
 * `--from deccp`: the deccp prompt lists (GitHub AUGMXNT/deccp `data/censored.txt` and
 * `data/uncensored.txt`; Hugging Face `augmxnt/deccp`, splits `censored` and `uncensored`
 * with one `text` column). Accepted as plain text (one prompt per line), JSONL (`text`,
 * optional `split`) or CSV (`text`, optional `split`). Prompts are English or Chinese; the
 * language is read from the text. Rows of the `censored` split are sensitive, `uncensored`
 * ones are not (from a `split` column, else the file name).
 * @module
 */
import { basename } from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import { readCsv } from './csv.js';
import { readJsonl } from './jsonl.js';
import { effectiveMapping, mapRecord } from './mapping.js';
import type { ImportOptions, ImportRow, ParsedRows } from './types.js';

const toSimplified = Converter({ from: 't', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/** `zh-Hant` when converting to Simplified changes the text, `zh-Hans` for other Chinese text. */
export function detectChinese(text: string): string | undefined {
  if (!HAN.test(text)) return undefined;
  return toSimplified(text) === text ? 'zh-Hans' : 'zh-Hant';
}

const PRESET: Record<string, string> = { text: 'prompt' };

function splitToSensitive(record: Record<string, unknown>): Record<string, unknown> {
  const split = record.split;
  if (typeof split !== 'string' || 'sensitive' in record) return record;
  return { ...record, sensitive: split.trim().toLowerCase() === 'censored' ? 'true' : split.trim().toLowerCase() === 'uncensored' ? 'false' : split };
}

function rowsOf(text: string, file: string, opts: ImportOptions): ImportRow[] {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '{') {
    const records = readJsonl(text, file).map((r) => ({ ...r, record: splitToSensitive(r.record) }));
    const map = effectiveMapping([...new Set(records.flatMap((r) => Object.keys(r.record)))], PRESET, opts.map);
    return records.map(({ line, record }) => mapRecord(record, line, map));
  }
  if (/\.csv$/i.test(file)) {
    const { columns, records } = readCsv(text, file);
    const map = effectiveMapping([...columns, ...(columns.includes('split') ? ['sensitive'] : [])], PRESET, opts.map);
    return records.map(({ line, record }) => mapRecord(splitToSensitive(record), line, map));
  }
  const rows: ImportRow[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    if (raw.trim() !== '') rows.push({ line: i + 1, fields: new Map([['prompt', { column: 'line', value: raw }]]) });
  });
  return rows;
}

export function importDeccp(text: string, file: string, opts: ImportOptions): ParsedRows {
  const uncensored = /uncensored/i.test(basename(file));
  return {
    rows: rowsOf(text, file, opts),
    defaults: { topic: uncensored ? 'deccp-uncensored' : 'deccp-censored', sensitive: !uncensored },
    detectLang: (t) => detectChinese(t) ?? 'en',
  };
}
