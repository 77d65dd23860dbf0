import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import type { Probe } from '../core/types.js';
import { parseSuite } from './load.js';
import { selectProbes } from './select.js';

function item(id: string, topic: string, sensitive: boolean, controls: string[] = []): string {
  return `  - id: ${id}
    version: 1
    topic: ${topic}
    type: ${id.endsWith('-n') ? 'neutral' : 'direct'}
    sensitive: ${sensitive}
    controls: [${controls.join(', ')}]
    prompts:
      en: { text: "${id}?", translation: original }
      zh-Hans: { text: "${id}？", translation: machine }
`;
}

// Suite order: s1, n1, s2, c1, c2. The controls come after both sensitive items, so a
// limit that keeps s1 must reach past n1 and s2 to keep c1.
const PROBES: Probe[] = parseSuite(
  `suite: sel
version: 0.1.0
items:
${item('s1', 'alpha', true, ['c1'])}${item('n1-n', 'gamma', false)}${item('s2', 'beta', true, ['c2'])}${item('c1', 'alpha-control', false)}${item('c2', 'beta-control', false)}`,
  'sel.yaml',
).probes;

const keys = (probes: Probe[]): string[] => probes.map((p) => `${p.id}/${p.lang}`);

test('no options keeps everything', () => {
  assert.deepEqual(selectProbes(PROBES), PROBES);
  assert.equal(PROBES.length, 10);
});

test('langs keeps only those languages, pairs intact', () => {
  assert.deepEqual(keys(selectProbes(PROBES, { langs: ['zh-Hans'] })), ['s1/zh-Hans', 'n1-n/zh-Hans', 's2/zh-Hans', 'c1/zh-Hans', 'c2/zh-Hans']);
});

test('topics keep their items and the controls of sensitive ones', () => {
  assert.deepEqual(keys(selectProbes(PROBES, { topics: ['beta'] })), ['s2/en', 's2/zh-Hans', 'c2/en', 'c2/zh-Hans']);
  // A control chosen by its own topic brings nothing else.
  assert.deepEqual(keys(selectProbes(PROBES, { topics: ['alpha-control'] })), ['c1/en', 'c1/zh-Hans']);
});

test('limit counts items (all their languages) in suite order and adds their controls', () => {
  assert.deepEqual(keys(selectProbes(PROBES, { limit: 1 })), ['s1/en', 's1/zh-Hans', 'c1/en', 'c1/zh-Hans']);
  assert.deepEqual(
    [...new Set(selectProbes(PROBES, { limit: 3 }).map((p) => p.id))],
    ['s1', 'n1-n', 's2', 'c1', 'c2'],
  );
  assert.deepEqual(
    [...new Set(selectProbes(PROBES, { limit: 2 }).map((p) => p.id))],
    ['s1', 'n1-n', 'c1'],
  );
  assert.deepEqual(selectProbes(PROBES, { limit: 0 }), []);
});

test('options combine: topic, then limit, then language', () => {
  assert.deepEqual(keys(selectProbes(PROBES, { topics: ['alpha', 'beta'], limit: 1, langs: ['en'] })), ['s1/en', 'c1/en']);
});

test('every kept sensitive probe has its controls in the same language', () => {
  for (const opts of [{ limit: 1 }, { limit: 2 }, { topics: ['beta'] }, { langs: ['en'] }]) {
    const kept = selectProbes(PROBES, opts);
    const have = new Set(kept.map((p) => `${p.id}/${p.lang}`));
    for (const p of kept.filter((q) => q.sensitive)) {
      for (const c of p.controls) assert.ok(have.has(`${c}/${p.lang}`), `${JSON.stringify(opts)} lost ${c}/${p.lang}`);
    }
  }
});

test('unknown languages and topics, and bad limits, are ConfigErrors', () => {
  assert.throws(() => selectProbes(PROBES, { langs: ['fr'] }), (e: unknown) => e instanceof ConfigError && /language "fr".*en, zh-Hans/.test(e.message));
  assert.throws(() => selectProbes(PROBES, { topics: ['delta'] }), (e: unknown) => e instanceof ConfigError && /topic "delta"/.test(e.message));
  assert.throws(() => selectProbes(PROBES, { limit: -1 }), ConfigError);
  assert.throws(() => selectProbes(PROBES, { limit: 1.5 }), ConfigError);
});

test('selection does not modify its input', () => {
  const before = keys(PROBES);
  selectProbes(PROBES, { limit: 1, langs: ['en'] });
  assert.deepEqual(keys(PROBES), before);
});
