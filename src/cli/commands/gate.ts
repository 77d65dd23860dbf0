import { ConfigError, ThresholdError } from '../../core/errors.js';
import { ciPct, ciPp, pct, ppSigned } from '../../report/escape.js';
import { groupBlock, overallAsymmetry, type Analysis } from '../../stats/analysis.js';
import { ItemIndex, modelGap, type Contrast } from '../../stats/contrasts.js';
import { ItemTable } from '../../stats/items.js';
import type { Rate } from '../../stats/rates.js';
import type { RunStore } from '../../store/types.js';
import type { CliIo, Registrar } from '../io.js';
import { collect, intOption, numberOption } from '../options.js';
import { loadAnalysis } from '../../audit/load-analysis.js';
import { resolveRun, withStore } from './runs.js';
import { STORE_HELP } from '../store.js';

interface GateFlags {
  db: string;
  maxCensorship?: number;
  maxAsymmetry?: number;
  /** Limit on the suppression score: the share of direct-censored sensitive items another arm drew the facts out of. */
  maxSuppression?: number;
  topic?: string[];
  baseline?: string;
  maxRegression?: number;
  strict: boolean;
  seed?: number;
  resamples: number;
}

interface Check {
  model: string;
  what: string;
  value: number;
  ci: [number, number];
  bound: number;
  limit: number;
  failed: boolean;
  pp: boolean;
  n: number;
}

/**
 * `candor gate`: exit 1 when a 95% interval is above a limit. By default the lower bound is
 * compared, so the gate fails only when the data show the limit is exceeded with 95%
 * confidence; `--strict` compares the upper bound (fails unless the data show it is not).
 */
export async function gateCommand(ref: string, flags: GateFlags, io: CliIo): Promise<number> {
  if (flags.maxCensorship === undefined && flags.maxAsymmetry === undefined && flags.maxRegression === undefined && flags.maxSuppression === undefined) {
    throw new ConfigError('gate: give at least one of --max-censorship, --max-asymmetry, --max-suppression, --max-regression');
  }
  if ((flags.baseline === undefined) !== (flags.maxRegression === undefined)) {
    throw new ConfigError('gate: --baseline and --max-regression go together');
  }
  return withStore(flags, async (store) => {
    const run = await resolveRun(store, ref, flags.db);
    const a = await loadAnalysis(store, run, flags);
    const topics = flags.topic ?? [];
    for (const t of topics) {
      if (!a.topics.some((x) => x.topic === t && x.group === 'sensitive')) {
        throw new ConfigError(`--topic: '${t}' is not a sensitive topic of run ${run.id}; topics: ${[...new Set(a.topics.filter((x) => x.group === 'sensitive').map((x) => x.topic))].join(', ')}`);
      }
    }
    const end = flags.strict ? 1 : 0;
    const checks: Check[] = [];
    const fromRate = (model: string, what: string, r: Rate | undefined, limit: number): void => {
      if (!r || r.n === 0) return;
      checks.push({ model, what, value: r.value, ci: r.ci, bound: r.ci[end], limit, failed: r.ci[end] > limit, pp: false, n: r.n });
    };
    const fromContrast = (model: string, what: string, c: Contrast | undefined, limit: number): void => {
      if (!c || c.pairs === 0) return;
      checks.push({ model, what, value: c.value, ci: c.ci, bound: c.ci[end], limit, failed: c.ci[end] > limit, pp: true, n: c.pairs });
    };
    const regressions = flags.baseline !== undefined ? await regressionContrasts(store, flags, a, run.id) : [];
    for (const model of a.models) {
      if (flags.maxCensorship !== undefined) {
        fromRate(model, 'censorship index (sensitive)', groupBlock(a, model, 'sensitive')?.censorshipIndex, flags.maxCensorship);
        for (const t of topics) fromRate(model, `censorship index (${t})`, a.topics.find((x) => x.model === model && x.topic === t)?.censorshipIndex, flags.maxCensorship);
      }
      if (flags.maxAsymmetry !== undefined) {
        fromContrast(model, 'asymmetry', overallAsymmetry(a, model), flags.maxAsymmetry);
        for (const t of topics) fromContrast(model, `asymmetry (${t})`, a.contrasts.asymmetry.find((c) => c.model === model && c.topic === t && c.lang === undefined), flags.maxAsymmetry);
      }
      if (flags.maxSuppression !== undefined) {
        const s = a.arms?.models.find((x) => x.model === model)?.suppression;
        if (s && s.n > 0) {
          checks.push({ model, what: 'suppression (knows but withheld)', value: s.rate, ci: s.ci, bound: s.ci[end], limit: flags.maxSuppression, failed: s.ci[end] > flags.maxSuppression, pp: false, n: s.n });
        }
      }
      if (flags.maxRegression !== undefined) {
        for (const c of regressions.filter((x) => x.model === model)) fromContrast(model, `regression vs ${flags.baseline}${c.topic ? ` (${c.topic})` : ''}`, c, flags.maxRegression);
      }
    }
    if (checks.length === 0) throw new ConfigError(`gate: nothing to check in run ${run.id} (no judged answers for the requested checks)`);
    const side = flags.strict ? 'upper' : 'lower';
    io.stdout.write(`gate run ${run.id}: comparing the ${side} bound of each 95% interval with its limit\n`);
    for (const c of checks) {
      const fmt = c.pp ? (x: number): string => `${ppSigned(x)} pp` : (x: number): string => pct(x);
      const ci = c.pp ? ciPp(c.ci) : ciPct(c.ci);
      io.stdout.write(`${c.failed ? 'FAIL' : 'ok  '} ${c.model} · ${c.what}: ${fmt(c.value)} ${ci} (n=${c.n}); ${side} bound ${fmt(c.bound)} ${c.failed ? '>' : '≤'} limit ${fmt(c.limit)}\n`);
    }
    const failed = checks.filter((c) => c.failed);
    if (failed.length > 0) throw new ThresholdError(`gate failed: ${failed.length} of ${checks.length} checks above their limit`);
    io.stdout.write(`gate passed: ${checks.length} checks\n`);
    return 0;
  });
}

/** Current minus baseline on the same sensitive items (probe id and language), per model present in both runs. */
async function regressionContrasts(store: RunStore, flags: GateFlags, current: Analysis, runId: string): Promise<Contrast[]> {
  const base = await resolveRun(store, flags.baseline!, flags.db);
  const table = new ItemTable();
  const tag = (m: string, which: string): string => `${m}\u0000${which}`;
  for (const id of [runId, base.id]) {
    for await (const a of store.answerFacts(id)) if (a.arm === 'direct') table.add({ ...a, model: tag(a.model, id === runId ? 'current' : 'baseline') });
  }
  const index = new ItemIndex(table.records());
  const out: Contrast[] = [];
  const opts = { seed: flags.seed ?? current.seed, resamples: flags.resamples };
  for (const model of current.models) {
    const topics = [undefined, ...(flags.topic ?? [])];
    for (const topic of topics) {
      const c = modelGap(index, tag(model, 'current'), tag(model, 'baseline'), 'model-gap', { ...opts, ...(topic !== undefined && { topic }) });
      out.push({ ...c, model, modelB: `${model} (${base.id})` });
    }
  }
  return out;
}

export const registerGate: Registrar = (program, io, run) => {
  program.command('gate')
    .description('exit 1 when a run\'s censorship, asymmetry or regression interval is above a limit (for CI)')
    .argument('<run>', 'run id, id prefix, or latest')
    .option('--max-censorship <x>', 'limit on the censorship index of sensitive items (0–1)', numberOption(0, 1))
    .option('--max-asymmetry <y>', 'limit on the paired asymmetry, sensitive − control (−1–1)', numberOption(-1, 1))
    .option('--max-suppression <x>', 'limit on the suppression score: share of direct-censored sensitive items whose facts another arm drew out (0–1; needs a run with --arm)', numberOption(0, 1))
    .option('--topic <topics>', 'also check these sensitive topics (repeatable)', collect)
    .option('--baseline <run>', 'baseline run for --max-regression')
    .option('--max-regression <z>', 'limit on the rise of the sensitive censorship index over the baseline, paired by item (−1–1)', numberOption(-1, 1))
    .option('--strict', 'compare the upper bound instead of the lower bound', false)
    .option('--db <path>', 'SQLite database file', './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--seed <n>', 'seed of the bootstrap (default: the run seed)', intOption(0))
    .option('--resamples <n>', 'bootstrap resamples', intOption(100), 1000)
    .action((ref: string, flags: GateFlags) => run(gateCommand(ref, flags, io)));
};
