import { summarizeRun } from '../../audit/run-audit.js';
import { ConfigError } from '../../core/errors.js';
import type { RunRow } from '../../core/manifest.js';
import { renderSummaryTable, table } from '../../report/terminal.js';
import type { RunStore } from '../../store/types.js';
import type { CliIo } from '../io.js';
import { openStore, type StoreFlags } from '../store.js';

export async function withStore<T>(where: string | StoreFlags, fn: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openStore(typeof where === 'string' ? { db: where } : where);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function resolveRun(store: RunStore, ref: string, db: string): Promise<RunRow> {
  const run = await store.getRun(ref);
  if (!run) throw new ConfigError(`no run '${ref}' in ${db}; see: candor runs --db ${db}`);
  return run;
}

async function answerCount(store: RunStore, id: string): Promise<number> {
  return (await store.outcomeCounts(id)).reduce((a, r) => a + r.n, 0);
}

/** `candor runs`: newest first. */
export async function runsCommand(flags: { db: string; json: boolean }, io: CliIo): Promise<number> {
  return withStore(flags, async (store) => {
    const runs = await store.listRuns();
    const rows = await Promise.all(runs.map(async (r) => ({
      id: r.id, status: r.status, createdAt: r.createdAt, finishedAt: r.finishedAt, models: r.models,
      suite: { id: r.suiteId, hash: r.suiteHash }, answers: await answerCount(store, r.id), planned: r.manifest.planned,
    })));
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (rows.length === 0) {
      io.stdout.write(`no runs in ${flags.db}\n`);
    } else {
      io.stdout.write(table([
        ['id', 'status', 'created', 'answers', 'models'],
        ...rows.map((r) => [r.id, r.status, r.createdAt.slice(0, 19).replace('T', ' '), `${r.answers}/${r.planned}`, r.models.join(', ')]),
      ], { align: 'left', indent: '' }) + '\n');
    }
    return 0;
  });
}

/** `candor show <run>`: the manifest and the summary. */
export async function showCommand(ref: string, flags: { db: string; json: boolean }, io: CliIo): Promise<number> {
  return withStore(flags, async (store) => {
    const run = await resolveRun(store, ref, flags.db);
    const summary = await summarizeRun(store, run.id);
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ run, summary }, null, 2)}\n`);
      return 0;
    }
    const m = run.manifest;
    const p = m.params;
    io.stdout.write([
      `run ${run.id} · ${run.status} · created ${run.createdAt}${run.finishedAt ? ` · finished ${run.finishedAt}` : ''}`,
      `suite ${m.suite.id} ${m.suite.version} (sha256 ${m.suite.hash.slice(0, 16)}…)`,
      `candor ${m.tool.version}${m.git ? ` @ ${m.git.commit.slice(0, 12)}${m.git.dirty ? ' (dirty)' : ''}` : ''} · node ${m.node} · judge ${m.judge.id} ${m.judge.version}`,
      `params: samples ${p.samples}, seed ${p.seed}, temperature ${p.temperature ?? 'endpoint default'}, max tokens ${p.maxTokens}` +
        `${p.systemPrompt ? `, system prompt set` : ''}${p.langs ? `, langs ${p.langs.join('/')}` : ''}${p.topics ? `, topics ${p.topics.join('/')}` : ''}${p.limit !== null ? `, limit ${p.limit}` : ''}`,
      ...m.models.map((x) => `model ${x.spec} (${x.endpoint})`),
      '',
    ].join('\n'));
    io.stdout.write(renderSummaryTable(summary));
    return 0;
  });
}
