#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, isAuditError } from '../core/errors.js';
import { auditCommand, type AuditFlags } from './commands/audit.js';
import { exportCommand } from './commands/export.js';
import { probesListCommand, probesValidateCommand } from './commands/probes.js';
import { registerProbesImport } from './commands/probes-import.js';
import { registerProbesStats } from './commands/probes-stats.js';
import { runsCommand, showCommand } from './commands/runs.js';
import { registerScore } from './commands/score.js';
import { registerRejudge } from './commands/rejudge.js';
import { registerReport } from './commands/report.js';
import { registerGate } from './commands/gate.js';
import { registerCompare } from './commands/compare.js';
import { registerWorker } from './commands/worker.js';
import { registerServe } from './commands/serve.js';
import { STORE_HELP } from './store.js';
import type { CliIo, Registrar } from './io.js';
import { collect, collectWhole, intOption, numberOption } from './options.js';
import { toolVersion } from './provenance.js';

const DB_HELP = 'SQLite database file';

/** Commands that live in their own modules; each registers itself. Add one line per module. */
const REGISTRARS: Registrar[] = [
  registerProbesStats,
  registerProbesImport,
  registerScore,
  registerRejudge,
  registerReport,
  registerGate,
  registerCompare,
  registerWorker,
  registerServe,
];

function buildProgram(io: CliIo, setResult: (p: Promise<number>) => void): Command {
  const program = new Command('candor')
    .description('Audit language models for political censorship and state-narrative alignment')
    .version(toolVersion().version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program.command('audit')
    .description('ask every probe of the suite, judge the answers, store them and print a summary')
    .option('-m, --model <spec>', 'model to audit, kind:model[@endpoint] (repeatable): openai, ollama, anthropic, gguf, hf, replay', collectWhole)
    .option('--suite <path>', 'suite file (default: the bundled suite)')
    .option('--db <path>', DB_HELP, './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--samples <n>', 'independent draws per probe', intOption(1), 1)
    .option('--temperature <t>', 'sampling temperature (default: the endpoint\'s own)', numberOption(0, 2))
    .option('--max-tokens <n>', 'token limit per answer, reasoning included', intOption(1), 8192)
    .option('--system-prompt <text>', 'system message sent before every probe')
    .option('--lang <tags>', 'only these languages, e.g. en,zh-Hans (repeatable)', collect)
    .option('--topic <topics>', 'only these topics (repeatable)', collect)
    .option('--limit <n>', 'only the first N items (their controls kept)', intOption(1))
    .option('--concurrency <n>', 'requests in flight per endpoint', intOption(1), 8)
    .option('--rps <n>', 'request starts per second per endpoint', numberOption(0.001))
    .option('--timeout <seconds>', 'per-request timeout', numberOption(0.001), 600)
    .option('--retries <n>', 'retries after a 429, 5xx, timeout or reset', intOption(0), 4)
    .option('--seed <n>', 'run seed; each draw\'s seed derives from it', intOption(0), 1)
    .option('--no-cache', 'ask again even when an identical request is cached')
    .option('--stream', 'stream answers (SSE / NDJSON)', false)
    .option('--api-key-env <name>', 'environment variable holding the API key (once for all models, or once per --model)', collectWhole)
    .option('--json', 'print the summary as JSON on stdout', false)
    .option('-q, --quiet', 'no progress on stderr', false)
    .option('--resume <run>', 'complete an interrupted run (id or latest); other flags are taken from the run')
    .option('--arm <name>', 'also ask under this arm (repeatable): system:none|helpful|identity|@file, prefill, followup, indirect; docs/ARMS.md', collectWhole)
    .option('--prefill-mode <mode>', 'how an OpenAI-compatible server continues a prefill: auto, continue_final_message, trailing, off')
    .option('--queue <url>', 'plan the run and hand its answers to `candor worker` processes through Redis: redis://host:port (see docs/DISTRIBUTED.md)')
    .action((flags: AuditFlags, cmd: Command) => {
      const explicit = cmd.options.map((o) => o.attributeName()).filter((n) => cmd.getOptionValueSource(n) === 'cli');
      setResult(auditCommand({ ...flags, explicit }, io));
    });

  program.command('runs')
    .description('list runs, newest first')
    .option('--db <path>', DB_HELP, './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--json', 'JSON output', false)
    .action((flags: { db: string; store?: string; json: boolean }) => setResult(runsCommand(flags, io)));

  program.command('show')
    .description('a run\'s manifest and summary')
    .argument('<run>', 'run id, id prefix, or latest')
    .option('--db <path>', DB_HELP, './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--json', 'JSON output', false)
    .action((ref: string, flags: { db: string; store?: string; json: boolean }) => setResult(showCommand(ref, flags, io)));

  program.command('export')
    .description('every answer of a run, one JSON object per line')
    .argument('<run>', 'run id, id prefix, or latest')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--db <path>', DB_HELP, './candor.db')
    .option('--store <url>', STORE_HELP)
    .action((ref: string, flags: { db: string; store?: string; format: string; out?: string }) => setResult(exportCommand(ref, flags, io)));

  const probes = program.command('probes').description('inspect and validate probe suites');
  probes.command('list')
    .description('items of a suite')
    .option('--suite <path>', 'suite file (default: the bundled suite)')
    .option('--json', 'JSON output', false)
    .action((flags: { suite?: string; json: boolean }) => setResult(probesListCommand(flags, io)));
  probes.command('validate')
    .description('check a suite file; every problem is reported with its file:line and field')
    .argument('<path>', 'suite file')
    .action((path: string) => setResult(probesValidateCommand(path, io)));
  for (const register of REGISTRARS) register(program, io, setResult);
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 threshold failed, 2 usage or config,
 * 3 provider auth or unreachable, 4 interrupted (resumable), 70 internal error.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let result: Promise<number> | undefined;
  const program = buildProgram(io, (p) => (result = p));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result ? await result : EXIT.ok;
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    // commander has already printed its message; help and version exit 0.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isAuditError(e)) {
    io.stderr.write(`candor: ${e.message}\n`);
    return e.exitCode;
  }
  io.stderr.write(`candor: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT.internal;
}

/** Process entry: the only place that calls process.exit. */
export async function main(): Promise<void> {
  const ctl = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nstopping: finishing the requests in flight and saving them (Ctrl-C again to quit at once)\n');
      ctl.abort(new Error('interrupted'));
    } else process.exit(EXIT.interrupted);
  });
  process.on('SIGTERM', () => ctl.abort(new Error('terminated')));
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: ctl.signal });
  process.exitCode = code;
  // Let stdout drain, then leave even if a socket is still open.
  setImmediate(() => process.exit(code));
}

const invoked = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) void main();
