import pg from 'pg';
import { redactUrl } from './redact-url.js';
import { StoreError } from '../core/errors.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { PostgresStore } from './postgres-store.js';
import type { RunStore } from './types.js';

export interface PostgresStoreOptions {
  /** Schema to use (created if missing); default: the server's search_path (normally `public`). */
  schema?: string;
  /** Connections in the pool. Default 4. */
  poolSize?: number;
  now?: () => Date;
}

/** int8 (ids, count(*)) as a JS number: ids and counts stay far below 2^53. */
export { redactUrl };

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};



/**
 * Opens a PostgreSQL store at `url` (postgres://user:pass@host:port/db). Connecting and
 * migrating happen on first use; a failure is a StoreError naming the server (never the password).
 * @example const store = openPostgresStore('postgres://candor@127.0.0.1/candor');
 */
export function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): RunStore {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) {
    throw new StoreError(`postgres schema '${opts.schema}': use lower-case letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 4,
    types,
    ...(opts.schema && { options: `-c search_path=${opts.schema}` }),
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const where = redactUrl(url);
  const ready = migrate(pool, opts.schema).catch((e: unknown) => {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot open database ${where}: ${(e as Error).message}`, { cause: e });
  });
  ready.catch(() => undefined); // reported by the first method that awaits it
  return new PostgresStore(pool, ready, opts.now ?? (() => new Date()));
}

/** Applies pending migrations in one transaction under an advisory lock, so concurrent openers migrate once. */
async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('candor-migrate'))");
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new StoreError(`database schema ${current} is newer than this candor (${PG_MIGRATIONS.length}); upgrade candor`);
    }
    for (let v = current; v < PG_MIGRATIONS.length; v++) await client.query(PG_MIGRATIONS[v]!);
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_MIGRATIONS.length]);
    else if (current < PG_MIGRATIONS.length) await client.query('UPDATE schema_version SET version = $1', [PG_MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
