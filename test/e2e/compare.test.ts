import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { seedRun, twoModelAnswers } from '../support/browser.js';

test('compare: a run means its models; a model means its latest run; paired significance and top items', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'candor-compare-')), 'c.db');
  await seedRun(file, 'run-1', twoModelAnswers());
  const res = await cli(['compare', 'run-1', '--db', file]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /\[1\] openai:a@/);
  assert.match(res.stdout, /\[2\] − \[1\]: −87\.5 pp \[[^\]]+\], p=<0\.001, 16 pairs \(significant\)/);
  assert.match(res.stdout, /items where they differ most/);
  const json = await cli(['compare', 'openai:b@http://127.0.0.1:2/v1', 'a', '--json', '--db', file]);
  assert.equal(json.code, 0, json.stderr);
  const j = JSON.parse(json.stdout);
  assert.deepEqual(j.subjects.map((s: { model: string }) => s.model), ['openai:b@http://127.0.0.1:2/v1', 'openai:a@http://127.0.0.1:1/v1']);
  assert.equal(j.differences.length, 10);
  assert.equal(j.versusFirst[0].gap.mcnemar.b + j.versusFirst[0].gap.mcnemar.c, 14);
  assert.equal((await cli(['compare', 'nothing-like-this', 'run-1', '--db', file])).code, 2);
  assert.equal((await cli(['compare', 'a', '--db', file])).code, 2);
});
