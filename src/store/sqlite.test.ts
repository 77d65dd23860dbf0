import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite.js';
import { MIGRATIONS } from './migrations.js';
import { fingerprintContract, itemFactsContract, sampleContract, snapshotContract } from './item-facts.contract.js';
import { manifestFixture, responseFixture, runStoreContract, runStoreOverrideContract } from './store.contract.js';

runStoreContract('sqlite :memory:', () => openSqliteStore(':memory:'));
runStoreOverrideContract('sqlite :memory:', () => openSqliteStore(':memory:'));
itemFactsContract('sqlite :memory:', () => openSqliteStore(':memory:'));
fingerprintContract('sqlite :memory:', () => openSqliteStore(':memory:'));
snapshotContract('sqlite :memory:', () => openSqliteStore(':memory:'));
sampleContract('sqlite :memory:', () => openSqliteStore(':memory:'));

test('sqlite: a version-2 database is migrated to arms without losing answers or verdicts', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'candor-store-')), 'v2.db');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.transaction(() => {
    raw.exec(MIGRATIONS[0]!);
    raw.exec(MIGRATIONS[1]!);
    raw.pragma('user_version = 2');
  })();
  raw.prepare(`INSERT INTO runs (id, created_at, status, suite_id, suite_hash, models, manifest) VALUES ('old', '2026-01-01', 'complete', 's', 'h', '[]', ?)`).run(JSON.stringify(manifestFixture()));
  const r = responseFixture();
  raw.prepare(`INSERT INTO responses (run_id, model, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt, outcome, text, latency_ms, created_at, controls)
    VALUES ('old', ?, ?, ?, 0, 1, ?, ?, 1, ?, 'ok', ?, 1, '2026-01-01', '["c1"]')`).run(r.model, r.probeId, r.lang, r.topic, r.qtype, r.prompt, r.text);
  raw.prepare(`INSERT INTO verdicts (response_id, judge, judge_version, label, evidence, scores, created_at) VALUES (1, 'rules', '0', 'REFUSED', '[]', '{}', '2026-01-01')`).run();
  raw.prepare(`INSERT INTO verdicts (response_id, judge, judge_version, label, evidence, scores, created_at) VALUES (1, 'rules', '0', 'PARTIAL', '[]', '{"factCoverage":0.25,"narrativeFlags":[{"id":"n"}]}', '2026-01-02')`).run();
  raw.close();
  const store = openSqliteStore(file);
  const rows = [];
  for await (const a of store.answers('old')) rows.push(a);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.arm, 'direct');
  assert.equal(rows[0]!.label, 'PARTIAL');
  assert.deepEqual(rows[0]!.controls, ['c1']);
  // migration 6 filled each answer's current verdict from what was there
  const facts = [];
  for await (const f of store.answerFacts('old')) facts.push(f);
  assert.deepEqual([facts[0]!.label, facts[0]!.scores?.factCoverage, facts[0]!.scores?.narrativeFlags.length], ['PARTIAL', 0.25, 1]);
  await store.close();
});

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

test('sqlite: the change token moves with another connection\'s commits only', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'candor-store-')), 'token.db');
  const [a, b] = [openSqliteStore(file), openSqliteStore(file)];
  try {
    await a.createRun(manifestFixture(), 'r');
    const token = await a.changeToken();
    assert.equal(await a.changeToken(), token);
    await a.putSnapshot('r', 'k', 'fp', '{}');
    assert.equal(await a.changeToken(), token, 'its own writes are the caller\'s to track');
    await b.saveResults([{ response: responseFixture() }]);
    assert.notEqual(await a.changeToken(), token, 'another connection committed');
  } finally {
    await a.close();
    await b.close();
  }
});
