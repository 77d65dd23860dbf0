/**
 * Distributed throughput: `npm run bench:distributed`. A local server that takes 200 ms per
 * answer; 1, 2 and 4 `candor worker` processes (8 answers in flight each) answer an audit queued
 * in Redis and stored in PostgreSQL; then 4 workers under a shared --rps limit. For each, the CPU
 * time per answer of every process involved (workers, Redis, PostgreSQL, this process with the
 * mock server) and how busy the whole machine was, others' load included.
 * Each size runs twice (interleaved) and the faster run is reported: others' load on a shared
 * machine only slows a run down. Options: --only <n> (n workers only), --repeat <n>,
 * --linger <ms> (the workers' --linger-ms), --profile <dir>.
 * Needs Redis and PostgreSQL (CANDOR_TEST_REDIS_URL / CANDOR_TEST_POSTGRES_URL, or the local
 * defaults .ci/run sets up). Prints figures; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runCli } from '../src/cli/main.js';
import { startFaultServer } from '../test/support/fault-server.js';
import { cpuReport, snapshot } from './cpu-census.js';
import { postgresUrlForTests, redisUrlForTests } from '../test/support/services.js';

const ROOT = join(import.meta.dirname, '..');
const SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml'); // 10 probes
const DELAY_MS = 200;
const PER_WORKER = 8;

// --profile <dir>: workers write V8 CPU profiles there; --only <n>: measure n workers only.
const argv = process.argv.slice(2);
const profileDir = argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : undefined;
const only = argv.includes('--only') ? Number(argv[argv.indexOf('--only') + 1]) : undefined;
// --linger <ms>: the workers' --linger-ms (how long an answer waits to share a store write).
// --repeat <n>: runs per size, the fastest kept (default 2).
const repeat = argv.includes('--repeat') ? Number(argv[argv.indexOf('--repeat') + 1]) : 2;
const linger = argv.includes('--linger') ? ['--linger-ms', argv[argv.indexOf('--linger') + 1]!] : [];

const pgUrl = await postgresUrlForTests();
const redisBase = await redisUrlForTests();
if (!pgUrl || !redisBase) {
  console.error('bench:distributed needs PostgreSQL and Redis on 127.0.0.1 (see docs/DISTRIBUTED.md)');
  process.exit(2);
}
const redisUrl = `${redisBase.replace(/\/\d*$/, '')}/10`;
const dbName = `candor_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const u = new URL(pgUrl);
u.pathname = `/${dbName}`;
const storeUrl = u.toString();
const flush = new Redis(redisUrl);
await flush.flushdb();
flush.disconnect();

const server = await startFaultServer({ faultRate: 0, delayMs: DELAY_MS });
const sent = (): number => [...server.draws.values()].reduce((a, d) => a + d.attempts, 0);
const quiet = { write: () => true };
let seed = 100;

async function startWorkers(n: number): Promise<ChildProcess[]> {
  const children = Array.from({ length: n }, () => spawn(process.execPath, [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'worker',
    '--queue', redisUrl, '--store', storeUrl, '--concurrency', String(PER_WORKER), ...linger, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(children.map((c) => new Promise<void>((resolve, reject) => {
    let log = '';
    c.stderr!.on('data', (b: Buffer) => { log += b.toString(); if (log.includes('worker ready')) resolve(); });
    c.once('exit', (code) => reject(new Error(`worker exited ${code}: ${log}`)));
  })));
  return children;
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map(async (c) => {
    const exited = once(c, 'exit');
    c.kill('SIGTERM');
    await exited;
  }));
}

/** One queued audit; returns answers per second and the most request starts seen in any 1 s window. */
interface Measure { answers: number; seconds: number; perSecond: number; asking: number; peak1s: number; cpu: string }

/**
 * One queued audit, end to end (planning, workers, follower, summary); `asking` is the rate
 * between the first and the last request the server saw (the workers' phase alone).
 */
async function measure(workers: number, samples: number, extra: string[] = []): Promise<Measure> {
  const children = await startWorkers(workers);
  const pids = children.map((c) => c.pid!);
  const before = snapshot(pids);
  const marks: [number, number][] = [];
  const base = sent();
  const timer = setInterval(() => marks.push([performance.now(), sent() - base]), 50);
  const t0 = performance.now();
  const code = await runCli(['audit', '--model', `openai:bench@${server.url}/v1`, '--suite', SUITE, '--samples', String(samples),
    '--seed', String(seed++), '--store', storeUrl, '--queue', redisUrl, '--concurrency', '256', '--timeout', '30', '--quiet', '--json', ...extra],
  { stdout: quiet, stderr: process.stderr, env: {}, signal: new AbortController().signal });
  const seconds = (performance.now() - t0) / 1000;
  const after = snapshot(pids); // before the workers exit: their database sessions end with them
  clearInterval(timer);
  await stop(children);
  if (code !== 0) throw new Error(`audit exited ${code}`);
  let peak1s = 0;
  for (let i = 0, j = 0; i < marks.length; i++) {
    while (marks[i]![0] - marks[j]![0] > 1000) j++;
    peak1s = Math.max(peak1s, marks[i]![1] - marks[j]![1]);
  }
  const answers = samples * 10;
  const first = marks.find(([, n]) => n > 0)?.[0] ?? t0;
  const last = marks.find(([, n]) => n >= answers)?.[0] ?? performance.now();
  return { answers, seconds, perSecond: answers / seconds, asking: answers / ((last - first) / 1000 + DELAY_MS / 1000), peak1s, cpu: cpuReport(before, after, answers) };
}

try {
  console.log(`load average before: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${cpus().length} cores`);
  console.log(`server: ${DELAY_MS} ms per answer; each worker holds ${PER_WORKER} answers in flight (ideal ${(PER_WORKER * 1000 / DELAY_MS).toFixed(0)}/s per worker)`);
  await measure(1, 4); // warm-up: this process loads and compiles the CLI, the queue and the store clients once
  const sizes = only ? [only] : [1, 2, 4];
  const rows = [];
  // Each size `repeat` times, interleaved, keeping the fastest: others' load on a shared machine only slows a run down.
  const runs = new Map<number, Measure[]>(sizes.map((n) => [n, []]));
  for (let i = 0; i < repeat; i++) for (const n of sizes) runs.get(n)!.push(await measure(n, 40 * n));
  for (const n of sizes) {
    const all = runs.get(n)!;
    if (repeat > 1) console.log(`workers ${n}, each run: ${all.map((r) => `${r.perSecond.toFixed(1)}/s (asking ${r.asking.toFixed(1)}/s)`).join(', ')}`);
    rows.push({ workers: n, ...all.reduce((a, b) => (b.perSecond > a.perSecond ? b : a)) });
  }
  const one = rows[0]!;
  for (const r of rows) {
    const eff = r.perSecond / (one.perSecond * r.workers / one.workers);
    const effAsking = r.asking / (one.asking * r.workers / one.workers);
    console.log(`workers ${r.workers}: ${r.answers} answers in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(1)} answers/s; scaling efficiency ${eff.toFixed(2)}` +
      ` (while asking: ${r.asking.toFixed(1)}/s, efficiency ${effAsking.toFixed(2)})`);
    console.log(`  ${r.cpu}`);
  }
  if (!only) {
    const rps = 20;
    const limited = await measure(4, 30, ['--rps', String(rps)]);
    console.log(`workers 4 under --rps ${rps}: ${limited.answers} answers in ${limited.seconds.toFixed(2)} s = ${limited.perSecond.toFixed(1)}/s; most request starts in any 1 s window: ${limited.peak1s} (limit ${rps})`);
  }
  console.log(`load average after: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  await server.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e: Error) => console.error(`could not drop ${dbName}: ${e.message}`));
  await admin.end();
}
