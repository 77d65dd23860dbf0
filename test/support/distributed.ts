/**
 * Shared setup for the distributed end-to-end tests: a throwaway PostgreSQL database and a Redis
 * database of the test file's own, `candor worker` child processes, and the exported answers of a
 * run read back for comparison.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cli } from './cli.js';
import { postgresUrlForTests, redisUrlForTests } from './services.js';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The five-item, two-language suite the distributed tests audit. */
export const MINI_SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml');

/** What a distributed test file runs against; `dbUrl` is set once the `before` hook has run. */
export interface DistributedEnv {
  /** A skip reason when PostgreSQL or Redis is not reachable, else false. */
  readonly skip: string | false;
  /** The Redis URL with the file's own database number. */
  readonly redisUrl: string;
  /** The URL of the throwaway PostgreSQL database. */
  readonly dbUrl: string;
}

/** `base` with its database number (if any) replaced by `db`. */
export function redisDbUrl(base: string, db: number): string {
  return `${base.replace(/\/\d*$/, '')}/${db}`;
}

/** Creates a database named `<prefix>_<random hex>` on the server of `adminUrl`; returns its name and URL. */
export async function createTestDatabase(adminUrl: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { name, url: u.toString() };
}

/**
 * Drops a database made by createTestDatabase. Only our own sessions can be ended without
 * superuser rights (an autovacuum worker may be connected too), so it ends ours, then tries the
 * drop a few times; a database left behind is harmless (its name is unique).
 */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`, [name]);
    for (let i = 0; i < 10; i++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/** Empties one Redis database, so queues of other runs do not mix in. */
export async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/**
 * Finds PostgreSQL and Redis and registers this test file's `before`/`after` hooks: a fresh
 * database named `<dbPrefix>_<random hex>`, dropped after, and Redis database `redisDb`, emptied
 * first. Each file that may run in parallel with another needs a `redisDb` of its own.
 */
export async function useDistributedServices(opts: { dbPrefix: string; redisDb: number }): Promise<DistributedEnv> {
  const pgUrl = await postgresUrlForTests();
  const redisBase = await redisUrlForTests();
  const skip = !pgUrl ? 'no PostgreSQL reachable (CANDOR_TEST_POSTGRES_URL or 127.0.0.1:5432)'
    : !redisBase ? 'no Redis reachable (CANDOR_TEST_REDIS_URL or 127.0.0.1:6379)' : false;
  const redisUrl = redisBase ? redisDbUrl(redisBase, opts.redisDb) : '';
  let db: { name: string; url: string } | undefined;
  before(async () => {
    if (skip) return;
    db = await createTestDatabase(pgUrl!, opts.dbPrefix);
    await flushRedis(redisUrl);
  });
  after(async () => {
    if (db) await dropTestDatabase(pgUrl!, db.name);
  });
  return { skip, redisUrl, get dbUrl() { return db?.url ?? ''; } };
}

/** A `candor worker` child process; `ready` settles once it says "worker ready" (rejects if it exits first). */
export interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  /** Its standard error so far. */
  log: () => string;
}

/** Spawns `candor worker --queue <redisUrl> --store <dbUrl> --lock-ms 2000 --quiet`, plus `extraArgs`. */
export function startWorker(redisUrl: string, dbUrl: string, extraArgs: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'worker',
    '--queue', redisUrl, '--store', dbUrl, '--lock-ms', '2000', ...extraArgs, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (b: Buffer) => {
      log += b.toString();
      if (log.includes('worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${log}`)));
  });
  ready.catch(() => undefined); // a test that never awaits `ready` is not failed by an unhandled rejection
  return { child, ready, log: () => log };
}

/** Sends SIGTERM to each worker still running and waits until it has exited. */
export async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      const exited = once(w.child, 'exit');
      w.child.kill('SIGTERM');
      await exited;
    }
  }
}

/**
 * The answers `candor export latest <args>` prints (asserting it exits 0), each as `pick` of its
 * JSON line plus a key `model|arm|probe_id|language|sample`, sorted by that key.
 */
export async function exportedAnswers<T extends object>(args: string[], pick: (a: Record<string, unknown>) => T): Promise<(T & { key: string })[]> {
  const out = await cli(['export', 'latest', ...args]);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).map((a) => ({
    key: `${String(a['model'])}|${String(a['arm'])}|${String(a['probe_id'])}|${String(a['language'])}|${String(a['sample'])}`,
    ...pick(a),
  })).sort((x, y) => (x.key < y.key ? -1 : 1));
}
