import type { RunRow } from '../core/manifest.js';
import { analyze, type Analysis } from '../stats/analysis.js';
import type { Contrast } from '../stats/contrasts.js';
import { censoredRate, ItemTable, type ItemRecord } from '../stats/items.js';
import type { RunStore } from '../store/types.js';
import { BASE_ARM } from './analysis-cache.js';
import { HttpError } from './context.js';

/** One side of a comparison: a model of a run, named by `<run id>~<index in run.models>`. */
export interface Subject {
  ref: string;
  run: RunRow;
  model: string;
  /** The model spec, or `spec (run)` when the same spec comes from two runs. */
  label: string;
}

export interface Difference {
  other: string;
  probeId: string;
  lang: string;
  topic: string;
  first: number;
  second: number;
}

export interface Comparison {
  subjects: Subject[];
  analysis: Analysis;
  /** Paired against the first subject: model gap (sensitive items) and difference in differences, oriented other − first. */
  versusFirst: { label: string; gap: Contrast | undefined; did: Contrast | undefined }[];
  differences: Difference[];
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

/** Loads the subjects' baseline-arm answers as item records and compares them, paired on shared items. */
export async function compareSubjects(store: RunStore, subjects: readonly Subject[], opts: { resamples: number; top: number }): Promise<Comparison> {
  const items = new ItemTable();
  for (const runId of [...new Set(subjects.map((s) => s.run.id))]) {
    const mine = subjects.filter((s) => s.run.id === runId);
    for await (const a of store.answerFacts(runId)) {
      if (a.arm !== BASE_ARM) continue;
      const s = mine.find((x) => x.model === a.model);
      if (s) items.add({ ...a, model: s.label });
    }
  }
  const records = items.records();
  const seed = subjects[0]!.run.manifest.params.seed;
  const analysis = analyze(records, { seed, resamples: opts.resamples, nameOf: (l) => subjects.find((s) => s.label === l)!.model });
  const first = subjects[0]!.label;
  const find = (cs: readonly Contrast[], other: string): Contrast | undefined => {
    const direct = cs.find((c) => c.model === other && c.modelB === first);
    if (direct) return direct;
    const flipped = cs.find((c) => c.model === first && c.modelB === other);
    return flipped && { ...flipped, model: other, modelB: first, value: -flipped.value, ci: [-flipped.ci[1], -flipped.ci[0]] };
  };
  const versusFirst = subjects.slice(1).map((s) => ({ label: s.label, gap: find(analysis.contrasts.modelGap, s.label), did: find(analysis.contrasts.did, s.label) }));
  const differences = subjects.slice(1).flatMap((s) => topDifferences(records, first, s.label, opts.top));
  return { subjects: [...subjects], analysis, versusFirst, differences };
}

function topDifferences(records: readonly ItemRecord[], a: string, b: string, top: number): Difference[] {
  const key = (r: ItemRecord): string => `${r.probeId}\u0000${r.lang}`;
  const mine = new Map(records.filter((r) => r.model === a && r.judged > 0).map((r) => [key(r), r]));
  return records.filter((r) => r.model === b && r.judged > 0 && mine.has(key(r)))
    .map((r) => ({ other: b, probeId: r.probeId, lang: r.lang, topic: r.topic, first: censoredRate(mine.get(key(r))!), second: censoredRate(r) }))
    .filter((d) => d.first !== d.second)
    .sort((p, q) => Math.abs(q.second - q.first) - Math.abs(p.second - p.first) || (p.probeId < q.probeId ? -1 : p.probeId > q.probeId ? 1 : 0))
    .slice(0, top);
}
