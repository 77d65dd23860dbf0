import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSuite, parseSuite } from './load.js';
import { suiteStats } from './stats.js';

const VALID = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'suite-dir', 'valid');

test('stats count items and prompts by group, topic × type, language and translation status', async () => {
  const s = suiteStats(await loadSuite(VALID));
  assert.deepEqual(s.suite, { id: 'dir-suite', version: '1.0.0', hash: s.suite.hash, path: VALID });
  assert.equal(s.parts, 2);
  assert.deepEqual(s.items, { sensitive: 2, control: 2, neutral: 1, unsafe: 0, total: 5 });
  assert.deepEqual(s.prompts, { sensitive: 6, control: 6, neutral: 2, unsafe: 0, total: 14 });
  assert.deepEqual(s.translation, { original: 5, machine: 8, reviewed: 1 });
  assert.deepEqual(s.topics, { sensitive: 2, total: 5 });
  const strait = s.byTopic.find((t) => t.topic === 'strait-event');
  assert.deepEqual(strait, { topic: 'strait-event', items: 1, prompts: 4, langs: ['en', 'fi', 'zh-Hans', 'zh-Hant'], sensitive: { direct: 1 }, other: {} });
  const fi = s.byLang.find((l) => l.lang === 'fi');
  assert.deepEqual(fi, { lang: 'fi', items: { sensitive: 1, control: 1, neutral: 0, unsafe: 0 }, translation: { original: 0, machine: 2, reviewed: 0 } });
  assert.deepEqual(s.controlLanguage, { lang: 'fi', items: { sensitive: 1, control: 1, neutral: 0, unsafe: 0, total: 2 } });
  assert.deepEqual(s.controls, { sensitiveWithControls: 2, uncontrolled: 0, pairs: 2, unreferenced: [] });
  assert.deepEqual(s.requireLangs, [{ topics: ['strait-*'], langs: ['zh-Hant'] }]);
  // Both sensitive topics have one item and one type: flagged, with the missing types named.
  assert.deepEqual(s.flagged.map((f) => [f.topic, f.sensitiveItems, f.missingTypes.length]), [['strait-event', 1, 5], ['valley-event', 1, 5]]);
  assert.ok(s.flagged[0]?.missingTypes.includes('indirect'));
});

test('a topic with six sensitive items of all six types is not flagged; uncontrolled items are counted', () => {
  const types = ['direct', 'indirect', 'individual', 'evaluative', 'creative', 'contested'];
  const items = types.map((type, i) => `  - id: t-${i}\n    version: 1\n    topic: full\n    type: ${type}\n    sensitive: true\n    prompts: { en: { text: "Q${i}?", translation: original } }\n`).join('');
  const extra = '  - id: unused-control\n    version: 1\n    topic: other\n    type: direct\n    sensitive: false\n    prompts: { en: { text: "C?", translation: original } }\n';
  const s = suiteStats(parseSuite(`suite: s\nversion: 0.1.0\nuncontrolled: true\nitems:\n${items}${extra}`, 's.yaml'));
  assert.deepEqual(s.flagged, []);
  assert.equal(s.uncontrolled, true);
  assert.equal(s.controls.uncontrolled, 6);
  assert.deepEqual(s.controls.unreferenced, ['unused-control']);
  assert.equal(s.parts, 0);
});
