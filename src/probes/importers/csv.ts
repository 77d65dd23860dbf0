/**
 * `--from csv`: a CSV file with a header row; columns map to suite fields (see mapping.ts).
 * @module
 */
import { parse } from 'csv-parse/sync';
import { SuiteError } from '../../core/errors.js';
import { effectiveMapping, mapRecord } from './mapping.js';
import type { ImportOptions, ImportRow, ParsedRows } from './types.js';

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number; raw?: string };
}

/** Parses CSV text into records with their first line; a malformed file is a SuiteError at its line. */
export function readCsv(text: string, file: string): { columns: string[]; records: { line: number; record: Record<string, string> }[] } {
  let parsed: CsvRecord[];
  let columns: string[] = [];
  try {
    parsed = parse(text, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      info: true,
      raw: true,
      skip_empty_lines: true,
    }) as CsvRecord[];
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 1;
    throw new SuiteError(file, [{ path: `${file}:${line}`, message: `CSV: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  if (columns.length === 0) throw new SuiteError(file, [{ path: `${file}:1`, message: 'CSV: no header row' }]);
  // info.lines is where a record ends; a quoted field may span lines.
  const records = parsed.map(({ record, info }) => ({ line: info.lines - ((info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0), record }));
  return { columns, records };
}

/** Rows of a CSV file through a column mapping on top of `preset`. */
export function csvRows(text: string, file: string, opts: ImportOptions, preset: Record<string, string> = {}): ImportRow[] {
  const { columns, records } = readCsv(text, file);
  const map = effectiveMapping(columns, preset, opts.map);
  return records.map(({ line, record }) => mapRecord(record, line, map));
}

export function importCsv(text: string, file: string, opts: ImportOptions): ParsedRows {
  return { rows: csvRows(text, file, opts) };
}
