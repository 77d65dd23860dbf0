/**
 * Distributed throughput: `npm run bench:distributed`. A local server that takes 200 ms per
 * answer; 1, 2 and 4 `candor worker` processes (8 answers in flight each) answer an audit queued
 * in Redis and stored in PostgreSQL; then 4 workers under a shared --rps limit.
 * Needs Redis and PostgreSQL (CANDOR_TEST_REDIS_URL / CANDOR_TEST_POSTGRES_URL, or the local
 * defaults .ci/run sets up). Prints figures; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runCli } from '../src/cli/main.js';
import { startFaultServer } from '../test/support/fault-server.js';
import { postgresUrlForTests, redisUrlForTests } from '../test/support/services.js';

const ROOT = join(import.meta.dirname, '..');
const SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml'); // 10 probes
const DELAY_MS = 200;
const PER_WORKER = 8;

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
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'worker',
    '--queue', redisUrl, '--store', storeUrl, '--concurrency', String(PER_WORKER), '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }));
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
async function measure(workers: number, samples: number, extra: string[] = []): Promise<{ answers: number; seconds: number; perSecond: number; peak1s: number }> {
  const children = await startWorkers(workers);
  const marks: [number, number][] = [];
  const base = sent();
  const timer = setInterval(() => marks.push([performance.now(), sent() - base]), 50);
  const t0 = performance.now();
  const code = await runCli(['audit', '--model', `openai:bench@${server.url}/v1`, '--suite', SUITE, '--samples', String(samples),
    '--seed', String(seed++), '--store', storeUrl, '--queue', redisUrl, '--concurrency', '256', '--timeout', '30', '--quiet', '--json', ...extra],
  { stdout: quiet, stderr: process.stderr, env: {}, signal: new AbortController().signal });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  await stop(children);
  if (code !== 0) throw new Error(`audit exited ${code}`);
  let peak1s = 0;
  for (let i = 0, j = 0; i < marks.length; i++) {
    while (marks[i]![0] - marks[j]![0] > 1000) j++;
    peak1s = Math.max(peak1s, marks[i]![1] - marks[j]![1]);
  }
  const answers = samples * 10;
  return { answers, seconds, perSecond: answers / seconds, peak1s };
}

try {
  console.log(`server: ${DELAY_MS} ms per answer; each worker holds ${PER_WORKER} answers in flight (ideal ${(PER_WORKER * 1000 / DELAY_MS).toFixed(0)}/s per worker)`);
  const one = await measure(1, 40);
  const rows = [{ workers: 1, ...one }];
  for (const n of [2, 4]) rows.push({ workers: n, ...(await measure(n, 40 * n)) });
  for (const r of rows) {
    const eff = r.perSecond / (one.perSecond * r.workers);
    console.log(`workers ${r.workers}: ${r.answers} answers in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(1)} answers/s; scaling efficiency ${eff.toFixed(2)}`);
  }
  const rps = 20;
  const limited = await measure(4, 30, ['--rps', String(rps)]);
  console.log(`workers 4 under --rps ${rps}: ${limited.answers} answers in ${limited.seconds.toFixed(2)} s = ${limited.perSecond.toFixed(1)}/s; most request starts in any 1 s window: ${limited.peak1s} (limit ${rps})`);
} finally {
  await server.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e: Error) => console.error(`could not drop ${dbName}: ${e.message}`));
  await admin.end();
}
