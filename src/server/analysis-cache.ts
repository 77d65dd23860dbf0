import type { RunRow } from '../core/manifest.js';
import { loadAnalysis } from '../audit/load-analysis.js';
import type { Analysis } from '../stats/analysis.js';
import type { RunStore } from '../store/types.js';

/** The baseline arm: the statistics count only its answers, like the store's outcomeCounts. */
export const BASE_ARM = 'direct';

export interface RunAnalysis {
  analysis: Analysis;
  /** Stored answers in the baseline arm. */
  answers: number;
  /** Answers in other experimental arms, by arm: shown, not in these statistics. */
  otherArms: Record<string, number>;
}

/**
 * Computes a run's analysis once per state of its answers and labels. The key is the run's
 * outcome × label counts (a cheap SQL aggregate that moves with every stored answer, verdict
 * or override) plus a counter bumped by this server's own overrides, so an override made
 * here is never served stale even when the counts happen to balance out.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { key: string; value: Promise<unknown> }>();
  private generation = 0;

  constructor(private readonly store: RunStore, readonly resamples: number) {}

  /** Called after an override: every cached analysis is recomputed on its next read. */
  invalidate(): void {
    this.generation++;
  }

  async get(run: RunRow): Promise<RunAnalysis> {
    return this.memo(`run\u0000${run.id}`, [run.id], () => this.compute(run));
  }

  /**
   * `compute()` once per `id` while the counts of `runIds` (and this server's overrides) stay
   * the same. At most 32 entries are kept; the oldest goes first.
   */
  async memo<T>(id: string, runIds: readonly string[], compute: () => Promise<T>): Promise<T> {
    const counts = await Promise.all(runIds.map((r) => this.store.outcomeCounts(r)));
    const key = `${this.generation}|${JSON.stringify(counts)}`;
    const hit = this.entries.get(id);
    if (hit && hit.key === key) return hit.value as Promise<T>;
    const value = compute();
    this.entries.delete(id);
    this.entries.set(id, { key, value });
    if (this.entries.size > 32) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => this.entries.delete(id));
    return value;
  }

  private async compute(run: RunRow): Promise<RunAnalysis> {
    const otherArms: Record<string, number> = {};
    let answers = 0;
    const analysis = await loadAnalysis(this.store, run, { resamples: this.resamples }, undefined, undefined, (a) => {
      if (a.arm === BASE_ARM) answers++;
      else otherArms[a.arm] = (otherArms[a.arm] ?? 0) + 1;
    });
    return { analysis, answers, otherArms };
  }
}
