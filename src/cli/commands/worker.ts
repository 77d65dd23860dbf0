import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { createRulesJudge } from '../../judge/index.js';
import type { WorkerEvent } from '../../queue/worker.js';
import { DEFAULT_LINGER_MS, DEFAULT_MAX_BATCH } from '../../queue/defaults.js';
import type { CliIo, Registrar } from '../io.js';
import { intOption } from '../options.js';
import { openStore, STORE_HELP } from '../store.js';
import { makeProvider, parsePrefillMode } from './audit.js';

export interface WorkerFlags {
  queue: string;
  store?: string;
  concurrency: number;
  lockMs: number;
  batch: number;
  lingerMs: number;
  quiet: boolean;
}

/**
 * `candor worker --queue redis://… --store postgres://…`: answers queued audits until stopped
 * (SIGINT/SIGTERM: the answers in flight finish and are stored first).
 */
export async function workerCommand(flags: WorkerFlags, io: CliIo): Promise<number> {
  const { checkQueueUrl } = await import('../../queue/audit.js');
  const { startQueueWorker } = await import('../../queue/worker.js');
  checkQueueUrl(flags.queue);
  if (!flags.store) throw new ConfigError('worker: --store postgres://… is required (the store the audit was planned in)');
  const store = await openStore({ db: '', store: flags.store });
  const judge = createRulesJudge();
  try {
    await store.listRuns(); // fail fast on a wrong store URL
    const worker = await startQueueWorker({
      redisUrl: flags.queue, store, concurrency: flags.concurrency,
      lockDurationMs: flags.lockMs, stalledIntervalMs: Math.max(500, Math.round(flags.lockMs / 2)),
      maxBatch: flags.batch, lingerMs: flags.lingerMs,
      makeProvider: (entry, m) => makeProvider(entry.spec, entry.apiKeyEnv, m.params.stream, io, true,
        m.params.prefillMode === undefined ? undefined : parsePrefillMode(m.params.prefillMode)),
      makeJudge: (m) => {
        if (m.judge.id !== judge.id) throw new ConfigError(`run judged by '${m.judge.id}'; this worker has '${judge.id}'`);
        return judge;
      },
      onEvent: (e) => report(e, io, flags.quiet),
    }).catch((e: unknown) => {
      throw e instanceof ConfigError ? e : new ConfigError(`--queue ${flags.queue}: ${(e as Error).message}`);
    });
    io.stderr.write(`worker ready (pid ${process.pid}); waiting for jobs\n`);
    if (!io.signal.aborted) await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
    io.stderr.write('worker stopping: finishing the answers in flight\n');
    await worker.close();
    return 0;
  } finally {
    await store.close();
  }
}

function report(e: WorkerEvent, io: CliIo, quiet: boolean): void {
  if (e.type === 'failed') io.stderr.write(`job ${e.jobId}${e.final ? ' given up' : ' will be retried'}: ${e.error}\n`);
  else if (quiet) return;
  else if (e.type === 'queue') io.stderr.write(`listening on ${e.name}\n`);
  else if (e.type === 'answer') io.stderr.write(`${e.runId} ${e.model} ${e.arm} ${e.probeId} ${e.lang}: ${e.outcome}${e.cached ? ' (cached)' : ''}\n`);
}

export const registerWorker: Registrar = (program: Command, io: CliIo, run) => {
  program.command('worker')
    .description('answer queued audits (candor audit --queue): take jobs, ask the models, judge, store; until stopped')
    .requiredOption('--queue <url>', 'Redis the audit was queued in: redis://host:port')
    .option('--store <url>', STORE_HELP)
    .option('--concurrency <n>', 'requests in flight per endpoint in this process (the run\'s own limit holds across all workers)', intOption(1), 8)
    .option('--lock-ms <n>', 'job lock; a killed worker\'s answers are retried after about this long', intOption(1000), 30_000)
    .option('--batch <n>', 'most answers per store write', intOption(1), DEFAULT_MAX_BATCH)
    .option('--linger-ms <n>', 'how long an answer waits for others to share its store write (0: only those finishing during a write)', intOption(0), DEFAULT_LINGER_MS)
    .option('-q, --quiet', 'log only failures', false)
    .action((flags: WorkerFlags) => run(workerCommand(flags, io)));
};
