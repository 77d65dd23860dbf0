import type { RunRow } from '../core/manifest.js';
import { BASELINE_ARM } from '../core/types.js';
import { loadRunAnalysis } from '../audit/load-analysis.js';
import { runProgress, type RunProgress } from './run-progress.js';
import type { Analysis, AnalysisScope } from '../stats/analysis.js';
import type { RunStore } from '../store/types.js';

/** The baseline arm: the statistics count only its answers, like the store's outcomeCounts. */

export interface RunAnalysis {
  analysis: Analysis;
  /** Stored answers in the baseline arm. */
  answers: number;
  /** Answers in other experimental arms, by arm: shown, not in these statistics. */
  otherArms: Record<string, number>;
}

interface Entry {
  /** The store's change token when the entry was last known valid (undefined: none). */
  token: string | undefined;
  generation: number;
  /** The value and the fingerprints of the data it was computed from, as one key. */
  result: Promise<{ value: unknown; key: string }>;
}

/** What a cached computation returns: its value and the fingerprints of the runs it read, in `runIds` order. */
export interface Fingerprinted<T> {
  value: T;
  fingerprints: readonly string[];
}

/**
 * Computes a run's analysis once per state of its answers and labels. Each computation reports
 * the fingerprints of exactly the data it read (the store's item aggregate carries them). While
 * the store's O(1) change token holds (nothing written anywhere), a cached value is served at
 * once; when it has moved, the runs' current fingerprints (answers, newest verdict and override
 * ids, ~0.1 s on 100,000 answers) decide whether the value stands. So a first request runs one
 * query, not two, and a write to another run costs a fingerprint, not a recomputation. This
 * server's own overrides bump a generation, so an override made here is never served stale.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly progressEntries = new Map<string, { key: string; value: Promise<RunProgress> }>();
  private generation = 0;

  constructor(private readonly store: RunStore, readonly resamples: number) {}

  /** Called after an override: every cached analysis is recomputed on its next read. */
  invalidate(): void {
    this.generation++;
  }

  /** The run's analysis; 'overview' computes only what the overview page shows (a third less work). */
  async get(run: RunRow, scope: AnalysisScope = 'full'): Promise<RunAnalysis> {
    return this.memo(`run\u0000${run.id}\u0000${scope}`, [run.id], () => this.compute(run, scope));
  }

  /**
   * `compute()` once per `id` while the data of `runIds` (and this server's overrides) stay the
   * same. At most 32 entries are kept; the oldest goes first.
   */
  async memo<T>(id: string, runIds: readonly string[], compute: () => Promise<Fingerprinted<T>>): Promise<T> {
    const token = await this.store.changeToken();
    const hit = this.entries.get(id);
    if (hit && hit.generation === this.generation) {
      if (token !== undefined && hit.token === token) return (await hit.result).value as T;
      const [now, before] = await Promise.all([this.key(runIds), hit.result.catch(() => undefined)]);
      if (before && before.key === now) {
        hit.token = token;
        return before.value as T;
      }
    }
    const entry: Entry = { token, generation: this.generation, result: compute().then((c) => ({ value: c.value, key: JSON.stringify(c.fingerprints) })) };
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > 32) this.entries.delete(this.entries.keys().next().value!);
    entry.result.catch(() => this.entries.get(id) === entry && this.entries.delete(id));
    return (await entry.result).value as T;
  }

  /**
   * A run's stored-vs-planned counts, kept while nothing has been written to the store by another
   * process and no override was made here (the runs list shows every run's; each costs a grouped
   * count over its answers). Stores without a change token count every time.
   */
  async progress(run: RunRow): Promise<RunProgress> {
    const token = await this.store.changeToken();
    const key = token === undefined ? undefined : `${token}|${this.generation}|${run.status}`;
    const hit = this.progressEntries.get(run.id);
    if (key !== undefined && hit?.key === key) return hit.value;
    const value = runProgress(this.store, run);
    if (key !== undefined) {
      this.progressEntries.delete(run.id);
      this.progressEntries.set(run.id, { key, value });
      if (this.progressEntries.size > 256) this.progressEntries.delete(this.progressEntries.keys().next().value!);
      value.catch(() => this.progressEntries.delete(run.id));
    }
    return value;
  }

  private async key(runIds: readonly string[]): Promise<string> {
    return JSON.stringify(await Promise.all(runIds.map((r) => this.store.fingerprint(r))));
  }

  private async compute(run: RunRow, scope: AnalysisScope): Promise<Fingerprinted<RunAnalysis>> {
    const { analysis, answersByArm, fingerprint } = await loadRunAnalysis(this.store, run, { resamples: this.resamples, scope });
    const { [BASELINE_ARM]: answers = 0, ...otherArms } = answersByArm;
    return { value: { analysis, answers, otherArms }, fingerprints: [fingerprint] };
  }
}
