import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { runCli } from '../../src/cli/main.js';
import { redisKeys } from '../../src/queue/keys.js';
import { cli } from '../support/cli.js';
import { startFaultServer } from '../support/fault-server.js';
import { postgresUrlForTests, redisUrlForTests } from '../support/services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml');

const pgUrl = await postgresUrlForTests();
const redisBase = await redisUrlForTests();
const skip = !pgUrl ? 'no PostgreSQL reachable (CANDOR_TEST_POSTGRES_URL or 127.0.0.1:5432)'
  : !redisBase ? 'no Redis reachable (CANDOR_TEST_REDIS_URL or 127.0.0.1:6379)' : false;
// A Redis database of its own (distributed.test.ts uses 9, distributed-arms 8), emptied first.
const redisUrl = redisBase ? `${redisBase.replace(/\/\d*$/, '')}/7` : '';
let dbUrl = '';
let dbName = '';

before(async () => {
  if (skip) return;
  dbName = `candor_distfail_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(pgUrl!);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  redis.disconnect();
});

after(async () => {
  if (skip || !dbName) return;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`, [dbName]);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined); // a database left behind is harmless
  } finally {
    await admin.end();
  }
});

function startWorker(): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'worker',
    '--queue', redisUrl, '--store', dbUrl, '--lock-ms', '2000', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (b: Buffer) => {
      log += b.toString();
      if (log.includes('worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${log}`)));
  });
  return { child, ready };
}

test('jobs BullMQ gives up on — by a worker, or with no worker of ours noticing — end the run as failed, reported; a resume completes it', { skip, timeout: 120_000 }, async () => {
  const server = await startFaultServer({ faultRate: 0, delayMs: 5 });
  const redis = new Redis(redisUrl);
  let stderr = '';
  const audit = runCli(['audit', '--model', `openai:det@${server.url}/v1`, '--suite', SUITE, '--store', dbUrl, '--queue', redisUrl, '--samples', '2', '--json'], {
    stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {}, signal: new AbortController().signal,
  });
  let worker: ReturnType<typeof startWorker> | undefined;
  try {
    while (!/answers queued/.test(stderr)) await new Promise((r) => setTimeout(r, 10));
    const runId = /run (\S+):/.exec(stderr)![1]!;
    const [name] = await redis.smembers(redisKeys.queues);
    const queue = new Queue(name!, { connection: { url: redisUrl } });
    // Two extra jobs of the run: one a worker fails (its probe is unknown), one failed outside any
    // worker of ours (as BullMQ's stalled-job check does after too many stalls).
    await redis.sadd(redisKeys.planned(runId), 'bad-probe', 'stalled-out');
    const data = { runId, model: `openai:det@${server.url}/v1`, sample: 0, arm: 'direct' };
    await queue.add('answer', { ...data, probe: 'no-such-item\u0000en' }, { jobId: 'bad-probe', attempts: 1, lifo: true, removeOnFail: { age: 3600 } });
    await queue.add('answer', { ...data, probe: 'event-a-direct\u0000en' }, { jobId: 'stalled-out', lifo: true, removeOnFail: { age: 3600 } });
    const thief = new Worker(name!, null, { connection: { url: redisUrl, maxRetriesPerRequest: null } });
    const job = await thief.getNextJob('thief-token');
    assert.equal(job?.id, 'stalled-out');
    await job.moveToFailed(new Error('job stalled more than allowable limit\u001b[2J'), 'thief-token', false);
    await thief.close();
    await queue.close();

    worker = startWorker();
    await worker.ready;
    const code = await audit;
    assert.equal(code, 0, stderr);
    assert.match(stderr, /20\/22 stored, 2 given up/);
    assert.match(stderr, /job bad-probe given up \(no answer stored\): run \S+ has no such probe/);
    assert.match(stderr, /job stalled-out given up \(no answer stored\): job stalled more than allowable limit \[2J/, 'reported, control characters removed');
    const runs = await cli(['runs', '--store', dbUrl, '--json']);
    assert.equal(JSON.parse(runs.stdout)[0].status, 'failed');

    // The extra jobs are not part of the run's plan: a resume finds everything stored and completes it.
    const again = await cli(['audit', '--resume', runId, '--store', dbUrl, '--queue', redisUrl, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 answers queued on 1 queue\(s\), 20 already stored/);
    assert.equal(JSON.parse((await cli(['runs', '--store', dbUrl, '--json'])).stdout)[0].status, 'complete');
    assert.equal(await redis.exists(redisKeys.done(runId), redisKeys.planned(runId), redisKeys.probes(runId)), 0, 'a finished run leaves no keys of its own');
  } finally {
    if (worker && worker.child.exitCode === null) {
      const exited = once(worker.child, 'exit');
      worker.child.kill('SIGTERM');
      await exited;
    }
    redis.disconnect();
    await server.close();
  }
});
