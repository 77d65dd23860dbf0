import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startFaultServer } from '../support/fault-server.js';
import { cli } from '../support/cli.js';
import { postgresUrlForTests, redisUrlForTests } from '../support/services.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml');
const SAMPLES = 12; // 5 items × 2 languages × 12 draws = 120 answers

const pgUrl = await postgresUrlForTests();
const redisBase = await redisUrlForTests();
const skip = !pgUrl ? 'no PostgreSQL reachable (CANDOR_TEST_POSTGRES_URL or 127.0.0.1:5432)'
  : !redisBase ? 'no Redis reachable (CANDOR_TEST_REDIS_URL or 127.0.0.1:6379)' : false;

let dbUrl = '';
let dbName = '';
// A Redis database of its own, emptied first, so queues of other runs do not mix in.
const redisUrl = redisBase ? `${redisBase.replace(/\/\d*$/, '')}/9` : '';

before(async () => {
  if (skip) return;
  dbName = `candor_dist_${randomBytes(4).toString('hex')}`;
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
    // Only our own sessions can be ended without superuser rights (an autovacuum worker may be
    // connected too), so end ours, then drop; a database left behind is harmless (unique name).
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`, [dbName]);
    for (let i = 0; i < 10; i++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await admin.end();
  }
});

function startWorker(): { child: ChildProcess; ready: Promise<void>; log: () => string } {
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
  return { child, ready, log: () => log };
}

interface Row { key: string; outcome: string; text: string; label: string | null; seed: number }

async function rows(args: string[]): Promise<Row[]> {
  const out = await cli(['export', 'latest', ...args]);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).map((a) => ({
    key: `${String(a['model'])}|${String(a['arm'])}|${String(a['probe_id'])}|${String(a['language'])}|${String(a['sample'])}`,
    outcome: a['outcome'] as string, text: a['answer'] as string, label: (a['label'] ?? null) as string | null, seed: a['seed'] as number,
  })).sort((x, y) => (x.key < y.key ? -1 : 1));
}

test('a run done by three workers, one SIGKILLed mid-run, equals the same run done in one process', { skip, timeout: 180_000 }, async () => {
  const server = await startFaultServer({ faultRate: 0, delayMs: 40 });
  const dir = mkdtempSync(join(tmpdir(), 'candor-dist-'));
  const model = `openai:det@${server.url}/v1`;
  const workers = [startWorker(), startWorker(), startWorker()];
  try {
    const reference = await cli(['audit', '--model', model, '--suite', SUITE, '--db', join(dir, 'ref.db'), '--samples', String(SAMPLES), '--concurrency', '4', '--json', '--quiet']);
    assert.equal(reference.code, 0, reference.stderr);
    await Promise.all(workers.map((w) => w.ready));

    const sent = (): number => [...server.draws.values()].reduce((a, d) => a + d.attempts, 0);
    const base = sent();
    const audit = cli(['audit', '--model', model, '--suite', SUITE, '--store', dbUrl, '--queue', redisUrl, '--samples', String(SAMPLES), '--concurrency', '4', '--json']);
    while (sent() - base < 30) await new Promise((r) => setTimeout(r, 5));
    const victim = workers[0]!.child;
    const killed = once(victim, 'exit');
    victim.kill('SIGKILL');
    assert.equal(((await killed) as [number | null, string | null])[1], 'SIGKILL');
    const distributed = await audit;
    assert.equal(distributed.code, 0, distributed.stderr);
    assert.match(distributed.stderr, /120 answers queued/);

    const a = JSON.parse(reference.stdout).models[0];
    const b = JSON.parse(distributed.stdout).models[0];
    for (const k of ['n', 'excluded', 'rates', 'censorshipIndex', 'sensitive', 'control', 'asymmetry', 'outcomes']) assert.deepEqual(b[k], a[k], k);

    const local = await rows(['--db', join(dir, 'ref.db')]);
    const shared = await rows(['--store', dbUrl]);
    assert.equal(shared.length, 120, 'every answer stored once');
    assert.equal(new Set(shared.map((r) => r.key)).size, 120, 'no answer duplicated');
    assert.deepEqual(shared, local, 'the same answers, outcomes and labels');
    const runs = await cli(['runs', '--store', dbUrl, '--json']);
    assert.equal(JSON.parse(runs.stdout)[0].status, 'complete');

    // Re-planning a complete run enqueues nothing and completes at once.
    const again = await cli(['audit', '--resume', 'latest', '--store', dbUrl, '--queue', redisUrl, '--json', '--quiet']);
    assert.notEqual(again.code, 0, 'a complete run has nothing to resume');
    assert.match(again.stderr, /nothing to resume/);
  } finally {
    for (const w of workers.slice(1)) {
      if (w.child.exitCode === null) {
        const exited = once(w.child, 'exit');
        w.child.kill('SIGTERM');
        await exited;
      }
    }
    await server.close();
  }
});

test('audit --queue without a shared store, or with a bad queue URL, is a clear usage error', async () => {
  const noStore = await cli(['audit', '--model', 'openai:m@http://127.0.0.1:1/v1', '--queue', 'redis://127.0.0.1:6379', '--quiet']);
  assert.equal(noStore.code, 2);
  assert.match(noStore.stderr, /--queue needs a store/);
  const badUrl = await cli(['worker', '--queue', 'http://x', '--store', 'postgres://127.0.0.1/x']);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /not a Redis URL/);
  const badStore = await cli(['runs', '--store', 'mysql://h/db']);
  assert.equal(badStore.code, 2);
  assert.match(badStore.stderr, /not a store URL/);
});
