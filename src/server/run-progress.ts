import type { RunRow } from '../core/manifest.js';
import type { RunStore } from '../store/types.js';

export interface RunProgress {
  id: string;
  status: RunRow['status'];
  /** Answers stored in the baseline arm. */
  stored: number;
  planned: number;
  /** Of those, answers with outcome ok and a label. */
  judged: number;
  /** Answers excluded from the rates: error, blocked, empty, truncated… */
  excluded: number;
}

/** Stored vs planned answers of a run, from the store's grouped counts (no answer is loaded). */
export async function runProgress(store: RunStore, run: RunRow): Promise<RunProgress> {
  let stored = 0;
  let judged = 0;
  for (const c of await store.outcomeCounts(run.id)) {
    stored += c.n;
    if (c.outcome === 'ok' && c.label !== null) judged += c.n;
  }
  return { id: run.id, status: run.status, stored, planned: run.manifest.planned, judged, excluded: stored - judged };
}
