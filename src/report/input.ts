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

/**
 * Keeps at most `perCell` answers per topic × model while answers stream past, preferring
 * answers that are not ANSWERED (refusals, deflections, narratives, then excluded outcomes),
 * so a 100k-answer run gives a bounded HTML page that still shows what matters.
 */
/** What the sampler needs of an answer; full answers and the store's slim facts rows both fit. */
export interface SampleRow {
  id: number;
  model: string;
  topic: string;
  probeId: string;
  lang: string;
  sample: number;
  outcome: string;
  label: string | null;
}

export class TranscriptSampler<T extends SampleRow = AnswerRow> {
  private readonly cells = new Map<string, { flagged: T[]; plain: T[] }>();
  private total = 0;
  constructor(readonly perCell: number) {}

  add(a: T): void {
    this.total++;
    if (this.perCell <= 0) return;
    const key = `${a.model}\u0000${a.topic}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { flagged: [], plain: [] }));
    const list = a.outcome === 'ok' && a.label === 'ANSWERED' ? c.plain : c.flagged;
    if (list.length < this.perCell) list.push(a);
  }

  /** Counts answers that were not offered for sampling (the report still says how many there were). */
  count(n: number): void {
    this.total += n;
  }

  /** The kept rows in report order. */
  kept(): T[] {
    const rows: T[] = [];
    for (const c of this.cells.values()) rows.push(...[...c.flagged, ...c.plain].slice(0, this.perCell));
    rows.sort((a, b) => cmp(a.model, b.model) || cmp(a.topic, b.topic) || cmp(a.probeId, b.probeId) || cmp(a.lang, b.lang) || a.sample - b.sample);
    return rows;
  }

  /** The transcript set, fetching the full answers of the kept rows by id. */
  async result(getAnswer: (id: number) => Promise<AnswerRow | undefined | T>): Promise<TranscriptSet> {
    const rows: AnswerRow[] = [];
    for (const r of this.kept()) {
      const full = 'text' in r ? (r as unknown as AnswerRow) : await getAnswer(r.id);
      if (full && 'text' in full) rows.push(full as AnswerRow);
    }
    return { rows, perCell: this.perCell, total: this.total };
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
