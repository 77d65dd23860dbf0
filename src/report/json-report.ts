import type { AnswerRow } from '../store/types.js';
import { REPORT_SCHEMA_VERSION, type ReportInput } from './input.js';
import { answerToJsonl } from './jsonl.js';

/**
 * The JSON report in two halves, so the CLI can stream every answer between them:
 * `{schemaVersion, run, analysis, answers: [ … ]}`. Answers use the `candor export` fields.
 */
export function jsonReportParts(input: Pick<ReportInput, 'run' | 'analysis'>): { head: string; tail: string } {
  const head = `{"schemaVersion":${REPORT_SCHEMA_VERSION},"kind":"candor-report","run":${JSON.stringify(input.run)},` +
    `"analysis":${JSON.stringify(input.analysis)},"answers":[\n`;
  return { head, tail: '\n]}\n' };
}

/** One answer inside the `answers` array; `first` omits the separating comma. */
export function jsonReportAnswer(a: AnswerRow, first: boolean): string {
  return (first ? '' : ',\n') + answerToJsonl(a);
}

/** The whole JSON report as one string. */
export function renderJsonReport(input: Pick<ReportInput, 'run' | 'analysis'>, answers: Iterable<AnswerRow>): string {
  const { head, tail } = jsonReportParts(input);
  let out = head;
  let first = true;
  for (const a of answers) {
    out += jsonReportAnswer(a, first);
    first = false;
  }
  return out + tail;
}
