import { ConfigError } from '../../core/errors.js';
import { ciPct, ciPp, fmtP, pct, ppSigned } from '../../report/escape.js';
import { table } from '../../report/terminal.js';
import { compareModels, type CompareSubject } from '../../audit/compare.js';
import { groupBlock, overallAsymmetry } from '../../stats/analysis.js';
import type { Rate } from '../../stats/rates.js';
import type { RunStore } from '../../store/types.js';
import type { CliIo, Registrar } from '../io.js';
import { intOption } from '../options.js';
import { withStore } from './runs.js';
import { STORE_HELP } from '../store.js';

interface CompareFlags {
  db: string;
  json: boolean;
  top: number;
  seed: number;
  resamples: number;
}

/** A run argument means all its models; a model argument means its answers in the latest run containing it. */
async function resolveSubjects(store: RunStore, refs: readonly string[], db: string): Promise<CompareSubject[]> {
  const runs = await store.listRuns();
  const subjects: CompareSubject[] = [];
  for (const ref of refs) {
    const run = ref === 'latest' || runs.some((r) => r.id === ref || r.id.startsWith(ref)) ? await store.getRun(ref) : undefined;
    if (run) {
      for (const model of run.models) subjects.push({ label: model, runId: run.id, model });
      continue;
    }
    const hit = runs.find((r) => r.models.includes(ref)) ?? runs.find((r) => r.manifest.models.some((m) => m.model === ref));
    if (!hit) throw new ConfigError(`compare: '${ref}' is neither a run nor a model in ${db}; see: candor runs --db ${db}`);
    const model = hit.models.includes(ref) ? ref : hit.manifest.models.find((m) => m.model === ref)!.spec;
    subjects.push({ label: model, runId: hit.id, model });
  }
  const counts = new Map<string, number>();
  for (const s of subjects) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  for (const s of subjects) if (counts.get(s.label)! > 1) s.label = `${s.model} (${s.runId})`;
  if (new Set(subjects.map((s) => s.label)).size !== subjects.length) throw new ConfigError('compare: the same model of the same run was given twice');
  if (subjects.length < 2) throw new ConfigError('compare: give at least two models (or a run with two models)');
  return subjects;
}

/** `candor compare <run|model> <run|model>…`: side by side, with paired tests against the first. */
export async function compareCommand(refs: string[], flags: CompareFlags, io: CliIo): Promise<number> {
  return withStore(flags, async (store) => {
    const subjects = await resolveSubjects(store, refs, flags.db);
    const { analysis: a, versusFirst: vsFirst, differences: differ } = await compareModels(store, subjects, flags);
    const labels = subjects.map((s) => s.label);
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ schemaVersion: 1, subjects, analysis: a, versusFirst: vsFirst, differences: differ }, null, 2)}\n`);
      return 0;
    }
    const r = (x: Rate | null | undefined): string => (!x || x.n === 0 ? '—' : `${pct(x.value)} ${ciPct(x.ci)}`);
    const rows: string[][] = [['', ...labels.map((l, i) => `[${i + 1}]`)]];
    rows.push(['judged / answers', ...labels.map((l) => { const c = a.coverage.find((x) => x.model === l)!; return `${c.judged} / ${c.answers}`; })]);
    rows.push(['sensitive index', ...labels.map((l) => r(groupBlock(a, l, 'sensitive')?.censorshipIndex))]);
    rows.push(['control index', ...labels.map((l) => r(groupBlock(a, l, 'control')?.censorshipIndex))]);
    rows.push(['asymmetry', ...labels.map((l) => { const c = overallAsymmetry(a, l); return !c || c.pairs === 0 ? '—' : `${ppSigned(c.value)} ${ciPp(c.ci)}`; })]);
    rows.push(['narrative (sensitive)', ...labels.map((l) => r(groupBlock(a, l, 'sensitive')?.narrative))]);
    const out = [labels.map((l, i) => `[${i + 1}] ${l}`).join('\n'), table(rows), '', `paired against [1] on the same items (sensitive index; McNemar mid-p on item-level censored yes/no):`];
    for (const v of vsFirst) {
      const sign = (x?: { value: number; ci: [number, number]; p: number; pairs: number }): string =>
        !x || x.pairs === 0 ? 'no shared items' : `${ppSigned(x.value)} pp ${ciPp(x.ci)}, p=${fmtP(x.p)}, ${x.pairs} pairs${x.ci[0] > 0 || x.ci[1] < 0 ? ' (significant)' : ''}`;
      out.push(`  [${labels.indexOf(v.label) + 1}] − [1]: ${sign(v.gap)}; difference in differences ${sign(v.did)}`);
    }
    if (differ.length) {
      out.push('', 'items where they differ most (share of draws censored):');
      out.push(table([['item', 'lang', 'topic', '[1]', 'other', 'Δ'], ...differ.map((d) => [d.probeId, d.lang, d.topic, pct(d.first, 0), `${pct(d.second, 0)} [${labels.indexOf(d.other) + 1}]`, ppSigned(d.second - d.first)])]));
    }
    io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  });
}

export const registerCompare: Registrar = (program, io, run) => {
  program.command('compare')
    .description('models side by side with paired tests on the same items, and the items where they differ most')
    .argument('<subjects...>', 'run ids (all their models) or model specs/names (their latest run)')
    .option('--db <path>', 'SQLite database file', './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--json', 'JSON output', false)
    .option('--top <n>', 'items listed per comparison', intOption(0), 10)
    .option('--seed <n>', 'seed of the bootstrap', intOption(0), 1)
    .option('--resamples <n>', 'bootstrap resamples', intOption(100), 1000)
    .action((refs: string[], flags: CompareFlags) => run(compareCommand(refs, flags, io)));
};
