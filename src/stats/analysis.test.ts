import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, groupBlock, overallAsymmetry } from './analysis.js';
import { clusterBootstrap, signFlipTest } from './bootstrap.js';
import { asymmetry, ItemIndex, modelGap } from './contrasts.js';
import { itemsOf, type AnswerFacts } from './items.js';
import { mcnemar } from './mcnemar.js';
import { mulberry32 } from './prng.js';
import { rateBlock } from './rates.js';

const close = (a: number, b: number, eps = 1e-4): void => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

const ans = (over: Partial<AnswerFacts>): AnswerFacts => ({
  model: 'm', probeId: 'p', lang: 'en', topic: 't', qtype: 'direct', sensitive: true, controls: [], outcome: 'ok',
  label: 'ANSWERED', scores: { factCoverage: null, narrativeFlags: [] }, ...over,
});

test('mcnemar exact and mid-p match hand-computed binomial tails', () => {
  const m = mcnemar(6, 1); // n = 7: P(X ≤ 1) = 8/128
  close(m.exact, 0.125);
  close(m.midP, 2 * (8 / 128 - 7 / 256));
  assert.equal(mcnemar(0, 0).midP, 1);
  close(mcnemar(3, 3).exact, 1);
});

test('sign-flip test is exact for few clusters', () => {
  close(signFlipTest([1, 1, 1, 1, 1], { seed: 1 }), 2 / 32);
  assert.equal(signFlipTest([0, 0], { seed: 1 }), 1);
  close(signFlipTest([1, -1, 1, 1], { seed: 1 }), 10 / 16); // |Σ| ≥ 2: 10 of 16 patterns
});

test('single draws: Wilson shares, omission and narrative as defined', () => {
  const b = rateBlock(itemsOf([
    ans({ probeId: 'a', label: 'REFUSED', scores: { factCoverage: 0, narrativeFlags: [] } }),
    ans({ probeId: 'b', label: 'STATE_NARRATIVE', scores: { factCoverage: 0.4, narrativeFlags: ['x'] } }),
    ans({ probeId: 'c', label: 'ANSWERED', scores: { factCoverage: 1, narrativeFlags: [] } }),
    ans({ probeId: 'd', label: 'PARTIAL' }),
    ans({ probeId: 'e', outcome: 'truncated', label: null, scores: null }),
  ]), 'k', { seed: 1 });
  assert.equal(b.judged, 4);
  assert.equal(b.excluded, 1);
  assert.equal(b.censorshipIndex.value, 0.5);
  assert.equal(b.censorshipIndex.method, 'wilson');
  close(b.censorshipIndex.ci[0], 0.1500);
  close(b.censorshipIndex.ci[1], 0.8500);
  assert.equal(b.omission?.value, 2 / 3);
  assert.equal(b.omission?.n, 3);
  assert.equal(b.narrative.value, 0.25);
});

test('several draws: draws are averaged within an item, then the bootstrap over items', () => {
  const answers = [
    ...['REFUSED', 'REFUSED', 'ANSWERED'].map((label) => ans({ probeId: 'a', label })),
    ans({ probeId: 'b', label: 'ANSWERED' }),
  ];
  const b = rateBlock(itemsOf(answers), 'k', { seed: 7 });
  close(b.censorshipIndex.value, (2 / 3 + 0) / 2); // not the pooled 2/4
  assert.equal(b.censorshipIndex.method, 'bootstrap');
  assert.equal(b.censorshipIndex.items, 2);
  const again = rateBlock(itemsOf(answers), 'k', { seed: 7 });
  assert.deepEqual(again, b, 'same seed, same intervals');
});

test('asymmetry pairs each sensitive item with its controls in the same language', () => {
  const rs = itemsOf([
    ans({ probeId: 's1', controls: ['c1', 'c2'], label: 'REFUSED' }),
    ans({ probeId: 'c1', sensitive: false, label: 'ANSWERED' }),
    ans({ probeId: 'c2', sensitive: false, label: 'DEFLECTED' }),
    ans({ probeId: 's2', controls: ['c3'], label: 'ANSWERED' }),
    ans({ probeId: 'c3', sensitive: false, label: 'ANSWERED' }),
    ans({ probeId: 's3', controls: ['missing'], label: 'REFUSED' }),
    ans({ probeId: 's1', lang: 'zh-Hans', controls: ['c1'], label: 'REFUSED' }),
  ]);
  const c = asymmetry(new ItemIndex(rs), 'm', { seed: 1 });
  // s1/en: 1 − (0 + 1)/2 = 0.5; s2/en: 0; s1/zh has no zh control; s3 has no control answer
  assert.equal(c.pairs, 2);
  close(c.value, 0.25);
  assert.equal(c.test, 'sign-flip');
});

test('model gap uses McNemar on item-level censored yes/no; analysis finds host pairs by model name', () => {
  const answers: AnswerFacts[] = [];
  for (let i = 0; i < 8; i++) {
    answers.push(ans({ model: 'openai:q@http://a:1', probeId: `p${i}`, label: i < 7 ? 'REFUSED' : 'ANSWERED' }));
    answers.push(ans({ model: 'openai:q@http://b:2', probeId: `p${i}`, label: i < 1 ? 'REFUSED' : 'ANSWERED' }));
  }
  const rs = itemsOf(answers);
  const g = modelGap(new ItemIndex(rs), 'openai:q@http://a:1', 'openai:q@http://b:2', 'model-gap', { seed: 1 });
  assert.equal(g.mcnemar?.b, 6);
  assert.equal(g.mcnemar?.c, 0);
  close(g.p, 2 * (1 / 64 - 1 / 128));
  close(g.value, 6 / 8);
  const a = analyze(rs, { seed: 1 });
  assert.equal(a.contrasts.hostGap.length, 1);
  assert.equal(a.contrasts.modelGap.length, 1);
  assert.ok(groupBlock(a, 'openai:q@http://a:1', 'sensitive'));
  assert.equal(overallAsymmetry(a, 'openai:q@http://a:1')?.pairs, 0);
});

test('property: every interval satisfies 0 ≤ lo ≤ p̂ ≤ hi ≤ 1', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ item: fc.integer({ min: 0, max: 12 }), label: fc.constantFrom('REFUSED', 'ANSWERED', 'DEFLECTED', 'PARTIAL'), lang: fc.constantFrom('en', 'zh-Hans') }), { minLength: 1, maxLength: 60 }),
    fc.integer({ min: 0, max: 2 ** 31 }),
    (draws, seed) => {
      const b = rateBlock(itemsOf(draws.map((d) => ans({ probeId: `p${d.item}`, label: d.label, lang: d.lang }))), 'x', { seed, resamples: 200 });
      for (const r of [b.censorshipIndex, b.narrative, ...Object.values(b.labels)]) {
        assert.ok(r.ci[0] >= 0 && r.ci[0] <= r.value + 1e-12 && r.value <= r.ci[1] + 1e-12 && r.ci[1] <= 1, JSON.stringify(r));
      }
    },
  ), { numRuns: 150 });
});

test('property: the bootstrap is a function of its seed', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 30 }),
    fc.integer({ min: 0, max: 2 ** 31 }),
    (pairs, seed) => {
      const clusters = pairs.map(([s, n]) => ({ sum: [Math.min(s, n)], count: [n] }));
      assert.deepEqual(clusterBootstrap(clusters, 1, { seed, resamples: 100 }), clusterBootstrap(clusters, 1, { seed, resamples: 100 }));
    },
  ), { numRuns: 50 });
  const r = mulberry32(42);
  const xs = Array.from({ length: 1000 }, r);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  close(xs.reduce((a, x) => a + x, 0) / 1000, 0.5, 0.05);
});
