import type { RunRow } from '../core/manifest.js';
import type { Analysis } from '../stats/analysis.js';
import type { AnswerRow } from '../store/types.js';

/** What every report renderer reads: the run, its statistics and (HTML) a bounded set of transcripts. */
export interface ReportInput {
  run: RunRow;
  analysis: Analysis;
  transcripts: TranscriptSet;
}

export interface TranscriptSet {
  rows: AnswerRow[];
  /** Answers kept per topic × model. */
  perCell: number;
  /** Answers in the run. */
  total: number;
}

export const REPORT_SCHEMA_VERSION = 1;
