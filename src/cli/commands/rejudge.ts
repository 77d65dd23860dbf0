/**
 * `candor rejudge <run|latest> --judge spec`: judges a stored run's `ok` answers again without
 * calling the audited model. New verdicts are added; the older ones stay in the store and the
 * newest is current. The probes' facts and narratives come from the run's suite file when its
 * hash still matches; otherwise each answer is judged with a bare probe and a warning.
 * @module
 */
import { summarizeRun } from '../../audit/run-audit.js';
import type { Probe, Verdict } from '../../core/types.js';
import { checkFamilies } from '../../judge/index.js';
import { defaultSuitePath, loadSuite } from '../../probes/index.js';
import type { AnswerRow, RunStore } from '../../store/types.js';
import type { CliIo, Registrar } from '../io.js';
import { intOption } from '../options.js';
import { inOrder, judgeSafely, setupJudge, Tally } from './judge-shared.js';
import { resolveRun, withStore } from './runs.js';
import { STORE_HELP } from '../store.js';

export interface RejudgeFlags {
  judge: string;
  db: string;
  forceJudge: boolean;
  concurrency: number;
}

const BATCH = 200;

async function suiteProbes(path: string, hash: string, io: CliIo): Promise<Map<string, Probe> | null> {
  try {
    const suite = await loadSuite(path);
    if (suite.info.hash !== hash) {
      io.stderr.write(`warning: ${path} changed since the run (suite hash ${suite.info.hash.slice(0, 12)} ≠ ${hash.slice(0, 12)}); judging without the probes' facts and narratives\n`);
      return null;
    }
    return new Map(suite.probes.map((p) => [`${p.id}\u0000${p.lang}`, p]));
  } catch (e) {
    io.stderr.write(`warning: cannot load the run's suite ${path} (${(e as Error).message.split('\n')[0]}); judging without the probes' facts and narratives\n`);
    return null;
  }
}

/** A probe rebuilt from what the store keeps with each answer. */
export function bareProbe(a: AnswerRow): Probe {
  const type = a.qtype as Probe['type'];
  return {
    id: a.probeId, version: 1, lang: a.lang, prompt: a.prompt, topic: a.topic, type, sensitive: a.sensitive,
    controls: a.controls, facts: [], narratives: [], translation: 'original',
  };
}

async function* okAnswers(store: RunStore, runId: string): AsyncIterable<AnswerRow> {
  // Read first, then judge and write: the store may not allow writes while a read is open.
  const rows: AnswerRow[] = [];
  for await (const a of store.answers(runId)) if (a.outcome === 'ok') rows.push(a);
  yield* rows;
}

export async function rejudgeCommand(ref: string, flags: RejudgeFlags, io: CliIo): Promise<number> {
  return withStore(flags, async (store) => {
    const run = await resolveRun(store, ref, flags.db);
    const m = run.manifest;
    const setup = await setupJudge(flags.judge, io);
    try {
      checkFamilies(setup.judgeModels, m.models.map((x) => x.model), flags.forceJudge);
      const probes = await suiteProbes(m.suite.path ?? defaultSuitePath(), m.suite.hash, io);
      const tally = new Tally();
      let batch: { responseId: number; verdict: Verdict }[] = [];
      await inOrder(
        okAnswers(store, run.id),
        Math.max(1, flags.concurrency),
        (a) => {
          const probe = probes?.get(`${a.probeId}\u0000${a.lang}`) ?? bareProbe(a);
          return judgeSafely(setup, () => setup.judge.judge(probe, { text: a.text, reasoning: a.reasoning }));
        },
        async (a, o) => {
          tally.add(o);
          if ('error' in o) {
            io.stderr.write(`judge error on answer ${a.id} (${a.model} ${a.probeId} ${a.lang} #${a.sample}): ${o.error}\n`);
            return;
          }
          batch.push({ responseId: a.id, verdict: o.verdict });
          if (batch.length >= BATCH) {
            await store.saveVerdicts(batch);
            batch = [];
          }
        },
      );
      await store.saveVerdicts(batch);
      io.stderr.write(`run ${run.id}: `);
      io.stderr.write(tally.render(setup));
      // The run's statistics under the new verdicts, stored for the reports and the dashboard.
      await summarizeRun(store, run.id);
      return 0;
    } finally {
      await setup.close();
    }
  });
}

export const registerRejudge: Registrar = (program, io, run) => {
  program.command('rejudge')
    .description('judge a stored run\'s answers again with another judge, without asking the model (older verdicts are kept)')
    .argument('<run>', 'run id, id prefix, or latest')
    .option('--judge <spec>', 'rules | llm:<model spec> | panel:<judge>,<judge>', 'rules')
    .option('--db <path>', 'SQLite database file', './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--force-judge', 'let a judge of the audited model\'s own family judge it', false)
    .option('--concurrency <n>', 'answers judged at once (LLM judges)', intOption(1), 4)
    .action((ref: string, flags: RejudgeFlags) => run(rejudgeCommand(ref, flags, io)));
};
