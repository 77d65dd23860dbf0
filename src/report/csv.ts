import type { AnswerRow } from '../store/types.js';

/** Columns of the CSV report, one row per answer. */
export const CSV_COLUMNS = [
  'run', 'model', 'probe_id', 'topic', 'type', 'language', 'sensitive', 'sample', 'seed', 'outcome', 'label',
  'fact_coverage', 'narrative_flags', 'judge', 'cached', 'latency_ms', 'finish_reason', 'upstream', 'prompt', 'answer', 'reasoning', 'error',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * A cell starting with = + - @ (or tab / CR) gets a leading apostrophe so spreadsheets do not
 * run it as a formula (CSV injection); plain numbers written by Candor are left as they are.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One answer as a CSV record, CRLF-terminated. */
export function csvRow(a: AnswerRow): string {
  const cells: (string | number | boolean | null)[] = [
    a.runId, a.model, a.probeId, a.topic, a.qtype, a.lang, a.sensitive, a.sample, a.seed, a.outcome, a.label,
    a.scores?.factCoverage ?? null, (a.scores?.narrativeFlags ?? []).map((f) => f.id).join(' '), a.judge, a.cached, a.latencyMs,
    a.finishReason, a.upstream, a.prompt, a.text, a.reasoning, a.error,
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The whole CSV for a list of answers (the CLI streams csvHeader + csvRow instead). */
export function renderCsv(answers: Iterable<AnswerRow>): string {
  let out = csvHeader();
  for (const a of answers) out += csvRow(a);
  return out;
}
