import { ConfigError } from '../core/errors.js';
import { redactUrl } from '../store/redact-url.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { RunStore } from '../store/types.js';

/** Where a command keeps its runs: `--db <file>` (SQLite, the default) or `--store postgres://…`. */
export interface StoreFlags {
  db: string;
  store?: string;
}

export const STORE_HELP = 'shared store instead of --db: postgres://user:pass@host:port/db (password may come from PGPASSWORD)';


/**
 * The one place the CLI turns flags into a store. The PostgreSQL driver is loaded only when a
 * postgres:// store is asked for, so SQLite runs start fast and small.
 */
export async function openStore(f: StoreFlags): Promise<RunStore> {
  if (f.store === undefined || f.store === '') return openSqliteStore(f.db);
  if (/^postgres(ql)?:\/\//.test(f.store)) return (await import('../store/postgres.js')).openPostgresStore(f.store);
  if (f.store.startsWith('sqlite:')) return openSqliteStore(f.store.slice('sqlite:'.length));
  throw new ConfigError(`--store: '${redactUrl(f.store)}' is not a store URL; use postgres://user@host:port/db or sqlite:<file>`);
}

/** How messages name the store (never with a password). */
export function storeLabel(f: StoreFlags): string {
  return f.store ? redactUrl(f.store) : f.db;
}
