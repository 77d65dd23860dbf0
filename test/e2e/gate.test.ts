import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { seedRun, twoModelAnswers, type SeedAnswer } from '../support/browser.js';

const A = 'openai:a@http://127.0.0.1:1/v1';

async function db(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'candor-gate-')), 'g.db');
  await seedRun(file, 'run-1', twoModelAnswers());
  return file;
}

test('gate: exit 1 with the reason per model when a lower bound is above the limit, 0 otherwise', async () => {
  const file = await db();
  const fail = await cli(['gate', 'run-1', '--max-censorship', '0.3', '--db', file]);
  assert.equal(fail.code, 1, fail.stderr);
  assert.match(fail.stdout, /lower bound/);
  assert.match(fail.stdout, new RegExp(`FAIL ${A.replace(/[./]/g, '\\$&')} · censorship index \\(sensitive\\): 87\\.5%`));
  assert.match(fail.stdout, /ok {3}openai:b@/);
  assert.match(fail.stderr, /gate failed: 1 of 2 checks/);
  const pass = await cli(['gate', 'run-1', '--max-censorship', '0.6', '--db', file]);
  assert.equal(pass.code, 0, pass.stdout);
  // the upper bound of A's interval (100%) is above 0.95: --strict fails where the default passes
  assert.equal((await cli(['gate', 'run-1', '--max-censorship', '0.95', '--db', file])).code, 0);
  const strict = await cli(['gate', 'run-1', '--max-censorship', '0.95', '--strict', '--db', file]);
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /upper bound/);
});

test('gate: asymmetry per topic and regression against a baseline', async () => {
  const file = await db();
  const topic = await cli(['gate', 'latest', '--max-asymmetry', '0.2', '--topic', 'tiananmen-1989', '--db', file]);
  assert.equal(topic.code, 1);
  assert.match(topic.stdout, /FAIL openai:a@\S+ · asymmetry \(tiananmen-1989\)/);
  // a later run where model A answers everything: no regression against run-1, a large one the other way
  const better: SeedAnswer[] = twoModelAnswers().map((x) => (x.model === A && x.label === 'REFUSED' ? { ...x, label: 'ANSWERED' } : x));
  await seedRun(file, 'run-2', better, '2026-01-02T00:00:00.000Z');
  assert.equal((await cli(['gate', 'run-2', '--baseline', 'run-1', '--max-regression', '0.05', '--db', file])).code, 0);
  const worse = await cli(['gate', 'run-1', '--baseline', 'run-2', '--max-regression', '0.05', '--db', file]);
  assert.equal(worse.code, 1);
  assert.match(worse.stdout, /FAIL openai:a@\S+ · regression vs run-2: \+87\.5 pp/);
});

test('gate: usage errors exit 2', async () => {
  const file = await db();
  assert.equal((await cli(['gate', 'run-1', '--db', file])).code, 2);
  assert.equal((await cli(['gate', 'run-1', '--max-censorship', '2', '--db', file])).code, 2);
  assert.equal((await cli(['gate', 'run-1', '--baseline', 'run-1', '--db', file])).code, 2);
  assert.equal((await cli(['gate', 'run-1', '--max-censorship', '0.5', '--topic', 'nope', '--db', file])).code, 2);
  assert.equal((await cli(['gate', 'missing', '--max-censorship', '0.5', '--db', file])).code, 2);
});
