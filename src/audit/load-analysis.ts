import type { RunRow } from '../core/manifest.js';
import { BASELINE_ARM } from '../core/types.js';
import { analyze, ANALYSIS_SCHEMA_VERSION, STATS_VERSION, type Analysis, type AnalysisScope } from '../stats/analysis.js';
import { ArmTable, type ArmAnswerFacts } from '../stats/arms.js';
import { ItemTable } from '../stats/items.js';
import type { ItemFactsRow, RunStore } from '../store/types.js';

export interface StatsFlags {
  seed?: number;
  resamples: number;
  /** 'overview' skips what a run overview does not show (AnalysisOptions.scope). */
  scope?: AnalysisScope;
}

/** What the statistics read of an answer: the store's slim facts row and its full answer row both fit. */
export type AnalysedAnswer = ArmAnswerFacts & { reasoning: string | null };

/**
 * Folds a run's answers into item records (direct arm) and the arms table, one answer or one
 * counted item at a time; `finish` computes the analysis. Lets a caller that reads every answer
 * anyway (the JSON report) compute the statistics in the same pass.
 */
export class AnalysisBuilder {
  private readonly items = new ItemTable();
  private readonly arms = new ArmTable();
  /** Stored answers by arm (all models the builder keeps). */
  readonly answersByArm: Record<string, number> = {};

  constructor(private readonly run: RunRow, private readonly flags: StatsFlags, private readonly only?: (model: string) => boolean) {}

  add(a: AnalysedAnswer): void {
    if (this.only && !this.only(a.model)) return;
    this.answersByArm[a.arm] = (this.answersByArm[a.arm] ?? 0) + 1;
    // The main statistics are over the direct arm; other arms go to analysis.arms (docs/ARMS.md).
    if (this.arms.add(a)) this.items.add(a);
  }

  /** An item's answers counted by the store: the same as adding each. */
  addCounts(c: ItemFactsRow): void {
    if (this.only && !this.only(c.model)) return;
    this.answersByArm[c.arm] = (this.answersByArm[c.arm] ?? 0) + c.draws;
    // An overview shows no arm statistics (only the answer counts per arm).
    if (this.flags.scope === 'overview' ? c.arm === BASELINE_ARM : this.arms.addCounts(c)) this.items.addCounts(c);
  }

  finish(): Analysis {
    const { run, flags, only } = this;
    const names = new Map(run.manifest.models.map((m) => [m.spec, m.model]));
    const analysis = analyze(this.items.records(), {
      seed: flags.seed ?? run.manifest.params.seed,
      resamples: flags.resamples,
      ...(flags.scope && { scope: flags.scope }),
      nameOf: (spec) => names.get(spec) ?? spec,
    });
    if (flags.scope === 'overview') return analysis;
    const models = run.manifest.models.map((m) => m.spec).filter((m) => !only || only(m));
    return { ...analysis, arms: this.arms.analyze({ ...(run.manifest.params.arms && { arms: run.manifest.params.arms }), models, hostGap: analysis.contrasts.hostGap }) };
  }
}

export interface LoadedAnalysis {
  analysis: Analysis;
  /** Stored answers by arm. */
  answersByArm: Record<string, number>;
  /** The run fingerprint (RunStore.fingerprint) of the answers analysed. */
  fingerprint: string;
}

/**
 * A run's statistics, from the store's item aggregate (the store counts answers per item in SQL,
 * so a 100,000-answer run reaches JavaScript as ~20,000 item rows). Used by the summary, report,
 * gate and the dashboard. Computed analyses are kept in the store as snapshots with the run
 * fingerprint they were computed at: when one exists and the fingerprint still matches (nothing
 * was added, rejudged or overridden since), it is returned instead of computing again.
 * `only` restricts the models (such an analysis is neither read from nor kept as a snapshot).
 */
export async function loadRunAnalysis(store: RunStore, run: RunRow, flags: StatsFlags, only?: (model: string) => boolean): Promise<LoadedAnalysis> {
  if (!only) {
    const hit = await fromSnapshot(store, run, flags);
    if (hit) return hit;
  }
  const b = new AnalysisBuilder(run, flags, only);
  const facts = await store.itemFacts(run.id);
  for (const c of facts.items) b.addCounts(c);
  const loaded = { analysis: b.finish(), answersByArm: b.answersByArm, fingerprint: facts.fingerprint };
  if (!only) {
    const body = JSON.stringify({ analysis: loaded.analysis, answersByArm: loaded.answersByArm });
    // A cache: a store that cannot be written to (read-only file, role) still answers.
    await store.putSnapshot(run.id, snapshotKind(run, flags, flags.scope ?? 'full'), facts.fingerprint, body).catch(() => undefined);
  }
  return loaded;
}

/** What a stored analysis depends on besides the answers: how it was computed and with which settings. */
function snapshotKind(run: RunRow, flags: StatsFlags, scope: AnalysisScope): string {
  return `analysis/v${ANALYSIS_SCHEMA_VERSION}.${STATS_VERSION}/${scope}/seed=${flags.seed ?? run.manifest.params.seed}/resamples=${flags.resamples}`;
}

/** A stored analysis still valid for the run's answers (an overview may use a full one). */
async function fromSnapshot(store: RunStore, run: RunRow, flags: StatsFlags): Promise<LoadedAnalysis | undefined> {
  const scopes: AnalysisScope[] = flags.scope === 'overview' ? ['overview', 'full'] : ['full'];
  const snaps = (await Promise.all(scopes.map((s) => store.getSnapshot(run.id, snapshotKind(run, flags, s))))).filter((x) => x !== undefined);
  // The fingerprint is asked only when there is something to compare it with.
  if (snaps.length === 0) return undefined;
  const fingerprint = await store.fingerprint(run.id);
  const snap = snaps.find((x) => x.fingerprint === fingerprint);
  if (!snap) return undefined;
  const { analysis, answersByArm } = JSON.parse(snap.body) as Omit<LoadedAnalysis, 'fingerprint'>;
  return { analysis, answersByArm, fingerprint };
}

/** {@link loadRunAnalysis}'s statistics alone. */
export async function loadAnalysis(store: RunStore, run: RunRow, flags: StatsFlags, only?: (model: string) => boolean): Promise<Analysis> {
  return (await loadRunAnalysis(store, run, flags, only)).analysis;
}

/** The number of answers behind a loaded analysis (every arm). */
export const answerCount = (l: Pick<LoadedAnalysis, 'answersByArm'>): number => Object.values(l.answersByArm).reduce((a, n) => a + n, 0);
