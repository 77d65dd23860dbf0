import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite.js';
import { result, seedRun, twoModelAnswers } from '../../test/support/browser.js';
import { countCalls } from '../../test/support/fixtures.js';
import { AnalysisCache } from './analysis-cache.js';

test('the analysis cache serves a run until another process writes to it, and skips the fingerprint while nothing is written', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-cache-')), 'c.db');
  await seedRun(db, 'run-1', twoModelAnswers(4));
  await seedRun(db, 'run-2', twoModelAnswers(2));
  const server = openSqliteStore(db);
  const writer = openSqliteStore(db); // another connection, as `candor audit` or `rejudge` would be
  try {
    const { store, calls: fingerprints } = countCalls(server, 'fingerprint');
    const cache = new AnalysisCache(store, 200);
    const run = (await server.getRun('run-1'))!;
    const first = await cache.get(run);
    assert.equal(fingerprints(), 0, 'a first computation takes no fingerprint');
    assert.equal(await cache.get(run), first, 'nothing written: the same value');
    assert.equal(fingerprints(), 0, 'nothing written: no fingerprint query either');

    await writer.saveResults([result('run-2', { model: 'openai:a@http://127.0.0.1:1/v1', probeId: 'new', topic: 'taiwan', sensitive: true, label: 'REFUSED' })]);
    assert.equal(await cache.get(run), first, 'a write to another run leaves this run\'s analysis');
    assert.equal(fingerprints(), 1, 'one fingerprint query decided it');

    const before = first.analysis.coverage.find((c) => c.model.includes(':a@'))!.answers;
    await writer.saveResults([result('run-1', { model: 'openai:a@http://127.0.0.1:1/v1', probeId: 'new', topic: 'taiwan', sensitive: true, label: 'REFUSED' })]);
    const second = await cache.get(run);
    assert.notEqual(second, first, 'a write to this run recomputes');
    assert.equal(second.analysis.coverage.find((c) => c.model.includes(':a@'))!.answers, before + 1);
    assert.equal(await cache.get(run), second);

    cache.invalidate();
    assert.notEqual(await cache.get(run), second, 'this server\'s own override invalidates');
  } finally {
    await writer.close();
    await server.close();
  }
});

test('run progress is counted again only after a write by another process or an override here', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-cache-')), 'p.db');
  await seedRun(db, 'run-1', twoModelAnswers(2));
  const server = openSqliteStore(db);
  const writer = openSqliteStore(db);
  try {
    const { store, calls: counts } = countCalls(server, 'outcomeCounts');
    const cache = new AnalysisCache(store, 200);
    const run = (await server.getRun('run-1'))!;
    const first = await cache.progress(run);
    assert.equal(await cache.progress(run), first);
    assert.equal(counts(), 1, 'nothing written: counted once');
    await writer.saveResults([result('run-1', { model: 'openai:a@http://127.0.0.1:1/v1', probeId: 'new', topic: 'taiwan', sensitive: true, label: 'REFUSED' })]);
    const second = await cache.progress(run);
    assert.equal(counts(), 2);
    assert.equal(second.stored, first.stored + 1);
    cache.invalidate();
    await cache.progress(run);
    assert.equal(counts(), 3, 'an override here counts again');
  } finally {
    await writer.close();
    await server.close();
  }
});
