/**
 * `--from jsonl`: one JSON object per line; keys map to suite fields (see mapping.ts).
 * @module
 */
import { SuiteError, type Issue } from '../../core/errors.js';
import { effectiveMapping, mapRecord } from './mapping.js';
import type { ImportOptions, ImportRow, ParsedRows } from './types.js';

/** Objects of a JSONL file with their line numbers; every malformed line is reported. */
export function readJsonl(text: string, file: string): { line: number; record: Record<string, unknown> }[] {
  const issues: Issue[] = [];
  const records: { line: number; record: Record<string, unknown> }[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) issues.push({ path: `${file}:${i + 1}`, message: 'expected a JSON object' });
      else records.push({ line: i + 1, record: value as Record<string, unknown> });
    } catch (e) {
      issues.push({ path: `${file}:${i + 1}`, message: `JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  if (issues.length > 0) throw new SuiteError(file, issues);
  if (records.length === 0) throw new SuiteError(file, [{ path: `${file}:1`, message: 'no JSON objects in the file' }]);
  return records;
}

/** Rows of a JSONL file through a column mapping on top of `preset`. */
export function jsonlRows(text: string, file: string, opts: ImportOptions, preset: Record<string, string> = {}): ImportRow[] {
  const records = readJsonl(text, file);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r.record)))];
  const map = effectiveMapping(columns, preset, opts.map);
  return records.map(({ line, record }) => mapRecord(record, line, map));
}

export function importJsonl(text: string, file: string, opts: ImportOptions): ParsedRows {
  return { rows: jsonlRows(text, file, opts) };
}
