import type { RunRow } from '../core/manifest.js';
import { compareModels, type ModelComparison } from '../audit/compare.js';
import type { RunStore } from '../store/types.js';
import { HttpError } from './context.js';

/** One side of a comparison: a model of a run, named by `<run id>~<index in run.models>`. */
export interface Subject {
  ref: string;
  run: RunRow;
  model: string;
  /** The model spec, or `spec (run)` when the same spec comes from two runs. */
  label: string;
}

export type { Difference } from '../audit/compare.js';

export interface Comparison extends ModelComparison {
  subjects: Subject[];
}

/** Subjects from `run~index` references; unknown runs or indices are a 400. */
export async function resolveSubjects(store: RunStore, refs: readonly string[]): Promise<Subject[]> {
  const out: Subject[] = [];
  for (const ref of [...new Set(refs)]) {
    const cut = ref.lastIndexOf('~');
    const idx = Number(ref.slice(cut + 1));
    const run = cut > 0 ? await store.getRun(ref.slice(0, cut)).catch(() => undefined) : undefined;
    if (!run || !Number.isInteger(idx) || idx < 0 || idx >= run.models.length) throw new HttpError(400, `s: '${ref}' names no model of a run`);
    out.push({ ref: `${run.id}~${idx}`, run, model: run.models[idx]!, label: run.models[idx]! });
  }
  const counts = new Map<string, number>();
  for (const s of out) counts.set(s.model, (counts.get(s.model) ?? 0) + 1);
  for (const s of out) if (counts.get(s.model)! > 1) s.label = `${s.model} (${s.run.id})`;
  return out;
}

/** Loads the subjects' direct-arm answers as item records and compares them, paired on shared items. */
export async function compareSubjects(store: RunStore, subjects: readonly Subject[], opts: { resamples: number; top: number }): Promise<Comparison> {
  const c = await compareModels(store, subjects.map((s) => ({ label: s.label, runId: s.run.id, model: s.model })),
    { seed: subjects[0]!.run.manifest.params.seed, ...opts });
  return { subjects: [...subjects], ...c };
}
