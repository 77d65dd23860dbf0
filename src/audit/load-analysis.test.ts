import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite.js';
import { result, seedRun, twoModelAnswers } from '../../test/support/browser.js';
import { countCalls } from '../../test/support/fixtures.js';
import { loadRunAnalysis } from './load-analysis.js';

test('a run\'s analysis is computed once and served from its store snapshot until the answers change', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-snap-')), 's.db');
  await seedRun(db, 'run-1', twoModelAnswers(4));
  const raw = openSqliteStore(db);
  const writer = openSqliteStore(db);
  try {
    const { store, calls: computed } = countCalls(raw, 'itemFacts');
    const run = (await raw.getRun('run-1'))!;
    const first = await loadRunAnalysis(store, run, { resamples: 300 });
    assert.equal(computed(), 1);
    const again = await loadRunAnalysis(store, run, { resamples: 300 });
    assert.equal(computed(), 1, 'served from the snapshot');
    assert.deepEqual(again.analysis, JSON.parse(JSON.stringify(first.analysis)));
    assert.deepEqual(again.answersByArm, first.answersByArm);
    assert.equal(again.fingerprint, first.fingerprint);

    await loadRunAnalysis(store, run, { resamples: 300, scope: 'overview' });
    assert.equal(computed(), 1, 'an overview may use the full snapshot');
    await loadRunAnalysis(store, run, { resamples: 200 });
    assert.equal(computed(), 2, 'other settings, other snapshot');
    await loadRunAnalysis(store, run, { resamples: 300 }, (m) => m.includes(':a@'));
    assert.equal(computed(), 3, 'a subset of models is never served from a snapshot');

    await writer.saveResults([result('run-1', { model: 'openai:a@http://127.0.0.1:1/v1', probeId: 'new', topic: 'taiwan', sensitive: true, label: 'REFUSED' })]);
    const changed = await loadRunAnalysis(store, run, { resamples: 300 });
    assert.equal(computed(), 4, 'a new answer invalidates the snapshot');
    const answers = (l: typeof first): number => l.analysis.coverage.find((c) => c.model.includes(':a@'))!.answers;
    assert.equal(answers(changed), answers(first) + 1);
    await loadRunAnalysis(store, run, { resamples: 300 });
    assert.equal(computed(), 4, 'and the new one is served again');
  } finally {
    await writer.close();
    await raw.close();
  }
});
