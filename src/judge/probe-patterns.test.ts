import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNormalizer } from './normalize.js';
import { createProbeCompiler, PATTERN_CACHE } from './probe-patterns.js';
import { createScanner } from './scan.js';
import { makeProbe } from './test-probes.js';

test('compiled probe patterns are reused, and only the most recent probes are kept', () => {
  const compile = createProbeCompiler(createNormalizer(), createScanner());
  const probe = (i: number) => makeProbe({ id: `p${i}`, prompt: `Critique policy ${i}`, facts: [{ id: 'f', weight: 'central', phrases: { en: [`fact ${i}`] } }] });
  const first = probe(0);
  const a = compile(first);
  assert.equal(compile(first), a, 'a repeated probe is a cache hit');
  assert.match('a fact 0 here', new RegExp(a.facts[0]!.re.source));
  for (let i = 1; i <= PATTERN_CACHE; i++) compile(probe(i));
  const again = compile(first);
  assert.notEqual(again, a, 'the oldest probe was dropped');
  assert.deepEqual(again, a, 'and compiles to the same patterns');
});
