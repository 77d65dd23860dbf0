import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite.js';
import { MIGRATIONS } from './migrations.js';
import { manifestFixture, runStoreContract } from './store.contract.js';

runStoreContract('sqlite :memory:', () => openSqliteStore(':memory:'));

test('sqlite: a file database is migrated once, in WAL mode, and keeps its runs when reopened', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'candor-store-')), 'c.db');
  const a = openSqliteStore(file);
  await a.createRun(manifestFixture(), 'kept');
  await a.close();
  const raw = new Database(file);
  assert.equal(raw.pragma('user_version', { simple: true }), MIGRATIONS.length);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
  const b = openSqliteStore(file);
  assert.equal((await b.getRun('latest'))?.id, 'kept');
  await b.close();
});

test('sqlite: a file that is not a database, or a newer schema, is a clear StoreError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-store-'));
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'this is not sqlite '.repeat(100));
  assert.throws(() => openSqliteStore(junk), (e: Error) => e.name === 'StoreError' && e.message.includes(junk));
  const newer = join(dir, 'newer.db');
  const raw = new Database(newer);
  raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
  raw.close();
  assert.throws(() => openSqliteStore(newer), /newer than this candor/);
});
