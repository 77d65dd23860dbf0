import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, groupBlock, overallAsymmetry } from './analysis.js';
import { PairedReplicates, percentile95, Replicates, Resampler, signFlipTest } from './bootstrap.js';
import { asymmetry, asymmetryFamily, ItemIndex, modelGap } from './contrasts.js';
import { itemsOf, type AnswerFacts } from './items.js';
import { mcnemar } from './mcnemar.js';
import { mulberry32 } from './prng.js';
import { rateBlock, replicatesOf } from './rates.js';

/** The bootstrap interval of Σ sum / Σ count over clusters. */
function clusterInterval(clusters: readonly { id: string; sum: number; count: number }[], resampler: Resampler): [number, number] {
  const reps = new PairedReplicates(resampler.resamples, false);
  for (const c of clusters) reps.add(c.id, c.sum, c.count, resampler);
  return reps.interval();
}

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
  const cl = (sums: number[]): { id: string; sum: number }[] => sums.map((sum, i) => ({ id: `p${i}`, sum }));
  const rs = new Resampler(1);
  close(signFlipTest(cl([1, 1, 1, 1, 1]), rs), 2 / 32);
  assert.equal(signFlipTest(cl([0, 0]), rs), 1);
  close(signFlipTest(cl([1, -1, 1, 1]), rs), 10 / 16); // |Σ| ≥ 2: 10 of 16 patterns
});

test('single draws: Wilson shares, omission and narrative as defined', () => {
  const b = rateBlock(itemsOf([
    ans({ probeId: 'a', label: 'REFUSED', scores: { factCoverage: 0, narrativeFlags: [] } }),
    ans({ probeId: 'b', label: 'STATE_NARRATIVE', scores: { factCoverage: 0.4, narrativeFlags: ['x'] } }),
    ans({ probeId: 'c', label: 'ANSWERED', scores: { factCoverage: 1, narrativeFlags: [] } }),
    ans({ probeId: 'd', label: 'PARTIAL' }),
    ans({ probeId: 'e', outcome: 'truncated', label: null, scores: null }),
  ]), { seed: 1 });
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
  const b = rateBlock(itemsOf(answers), { seed: 7 });
  close(b.censorshipIndex.value, (2 / 3 + 0) / 2); // not the pooled 2/4
  assert.equal(b.censorshipIndex.method, 'bootstrap');
  assert.equal(b.censorshipIndex.items, 2);
  const again = rateBlock(itemsOf(answers), { seed: 7 });
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
      const b = rateBlock(itemsOf(draws.map((d) => ans({ probeId: `p${d.item}`, label: d.label, lang: d.lang }))), { seed, resamples: 200 });
      for (const r of [b.censorshipIndex, b.narrative, ...Object.values(b.labels)]) {
        assert.ok(r.ci[0] >= 0 && r.ci[0] <= r.value + 1e-12 && r.value <= r.ci[1] + 1e-12 && r.ci[1] <= 1, JSON.stringify(r));
      }
    },
  ), { numRuns: 150 });
});

test('property: the bootstrap is a function of its seed and data, not of their order', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 30 }),
    fc.integer({ min: 0, max: 2 ** 31 }),
    (pairs, seed) => {
      const clusters = pairs.map(([s, n], i) => ({ id: `c${i}`, sum: Math.min(s, n), count: n }));
      assert.deepEqual(clusterInterval(clusters, new Resampler(seed, 100)), clusterInterval([...clusters].reverse(), new Resampler(seed, 100)));
    },
  ), { numRuns: 50 });
  const r = mulberry32(42);
  const xs = Array.from({ length: 1000 }, r);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  close(xs.reduce((a, x) => a + x, 0) / 1000, 0.5, 0.05);
});

test('Poisson weights: mean and variance 1, fixed by seed and cluster, independent across clusters', () => {
  const rs = new Resampler(3, 20_000);
  const w = rs.weightsOf('tiananmen-01');
  const mean = w.reduce((a, x) => a + x, 0) / w.length;
  const variance = w.reduce((a, x) => a + (x - mean) ** 2, 0) / w.length;
  close(mean, 1, 0.03);
  close(variance, 1, 0.05);
  close(w.filter((x) => x === 0).length / w.length, Math.exp(-1), 0.01);
  assert.deepEqual(new Resampler(3, 20_000).weightsOf('tiananmen-01'), w, 'same seed and cluster, same weights');
  assert.notDeepEqual(rs.weightsOf('taiwan-02'), w);
  assert.notDeepEqual(new Resampler(4, 20_000).weightsOf('tiananmen-01'), w);
  const s = rs.signsOf('x');
  close(s.reduce((a, x) => a + x, 0) / s.length, 0, 0.03);
});

test('replicates are additive: a block bootstrapped from its parts equals the block bootstrapped whole', () => {
  const answers: AnswerFacts[] = [];
  const labels = ['REFUSED', 'ANSWERED', 'DEFLECTED', 'PARTIAL', 'STATE_NARRATIVE'];
  for (let i = 0; i < 30; i++) {
    for (const lang of ['en', 'zh-Hans']) {
      for (let d = 0; d < 3; d++) answers.push(ans({ probeId: `p${i}`, lang, topic: i < 15 ? 't1' : 't2', label: labels[(i * 7 + d * 3 + lang.length) % 5]! }));
    }
  }
  const rs = itemsOf(answers);
  const resampler = new Resampler(11, 300);
  const whole = replicatesOf(rs, resampler);
  const sum = replicatesOf([], resampler);
  for (const part of [rs.filter((r) => r.lang === 'en'), rs.filter((r) => r.lang !== 'en' && r.topic === 't1'), rs.filter((r) => r.lang !== 'en' && r.topic === 't2')]) {
    sum.addAll(replicatesOf(part, resampler));
  }
  for (let i = 0; i < whole.sum.length; i++) close(sum.sum[i]!, whole.sum[i]!, 1e-9);
  assert.deepEqual(rateBlock(rs, { seed: 11, resamples: 300, resampler }, () => sum), rateBlock(rs, { seed: 11, resamples: 300 }));
  // and the topic blocks of analyze() (summed from language × type parts) equal a direct computation
  const a = analyze(rs, { seed: 11, resamples: 300 });
  const t1 = a.topics.find((t) => t.topic === 't1')!;
  const direct = rateBlock(rs.filter((r) => r.topic === 't1'), { seed: 11, resamples: 300 });
  assert.deepEqual(t1.censorshipIndex, direct.censorshipIndex);
  assert.equal(t1.censorshipIndex.method, 'bootstrap');
});

test('property: selection percentiles equal sorted-array percentiles', () => {
  fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const q = (p: number): number => {
      const pos = (sorted.length - 1) * p;
      const lo = Math.floor(pos);
      const hi = Math.ceil(pos);
      return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
    };
    const [lo, hi] = percentile95(Float64Array.from(xs), xs.length);
    close(lo, q(0.025), 1e-9);
    close(hi, q(0.975), 1e-9);
  }), { numRuns: 300 });
});

test('the Poisson bootstrap interval of a mean matches the normal-theory interval on many clusters', () => {
  // 400 clusters with values 0..9 (mean 4.5, sd ≈ 2.87): 95% half-width ≈ 1.96 × 2.87 / 20 ≈ 0.281
  const clusters = Array.from({ length: 400 }, (_, i) => ({ id: `c${i}`, sum: i % 10, count: 1 }));
  const [lo, hi] = clusterInterval(clusters, new Resampler(5, 4000));
  close((lo + hi) / 2, 4.5, 0.03);
  close((hi - lo) / 2, (1.959964 * Math.sqrt(8.25)) / 20, 0.03);
});

test('sign-flip with random signs: one-sided data are significant, balanced data are not', () => {
  const rs = new Resampler(9);
  const pos = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, sum: 1 }));
  assert.ok(signFlipTest(pos, rs) < 0.01);
  const balanced = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, sum: i % 2 === 0 ? 1 : -1 }));
  assert.equal(signFlipTest(balanced, rs), 1);
  const slight = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, sum: i < 16 ? 1 : -1 })); // Σ = 2: p ≈ 0.86
  const p = signFlipTest(slight, rs);
  assert.ok(p > 0.7 && p < 0.95, String(p));
});

test('Replicates skip replicates with no weight and reject bad resample counts', () => {
  const reps = new Replicates(1, 1, 4);
  reps.addCluster(Uint8Array.from([0, 1, 2, 0]), [0.5], [1]);
  assert.deepEqual(reps.interval(0, 0), [0.5, 0.5]);
  assert.throws(() => new Resampler(1, 0), /positive integer/);
});

test('the asymmetry family (parts resampled once) equals each asymmetry computed on its own', () => {
  const answers: AnswerFacts[] = [];
  const labels = ['REFUSED', 'ANSWERED', 'DEFLECTED', 'ANSWERED', 'STATE_NARRATIVE', 'PARTIAL'];
  for (let i = 0; i < 40; i++) {
    for (const lang of ['en', 'zh-Hans']) {
      for (let d = 0; d < 2; d++) {
        answers.push(ans({ probeId: `s${i}`, lang, topic: `t${i % 3}`, controls: [`c${i % 10}`], label: labels[(i * 5 + d + lang.length) % 6]! }));
        if (i < 10) answers.push(ans({ probeId: `c${i}`, lang, topic: 'ctl', sensitive: false, label: labels[(i + d) % 2]! }));
      }
    }
  }
  const index = new ItemIndex(itemsOf(answers));
  const family = asymmetryFamily(index, 'm', ['en', 'zh-Hans'], { seed: 3, resamples: 500 });
  const alone = [
    asymmetry(index, 'm', { seed: 3, resamples: 500 }),
    ...['en', 'zh-Hans'].map((lang) => asymmetry(index, 'm', { seed: 3, resamples: 500, lang })),
    ...['t0', 't1', 't2'].map((topic) => asymmetry(index, 'm', { seed: 3, resamples: 500, topic })),
  ];
  assert.equal(family.length, alone.length);
  family.forEach((c, i) => {
    const a = alone[i]!;
    assert.deepEqual([c.topic, c.lang, c.pairs, c.items, c.test], [a.topic, a.lang, a.pairs, a.items, a.test]);
    close(c.value, a.value, 1e-12);
    close(c.ci[0], a.ci[0], 1e-9);
    close(c.ci[1], a.ci[1], 1e-9);
    close(c.p, a.p, 1e-9);
  });
  assert.ok(family[0]!.items > 12, JSON.stringify(family[0]));
});

test('the overview scope computes the same groups, topics and asymmetries as the full analysis, and nothing else', () => {
  const answers: AnswerFacts[] = [];
  for (const model of ['x:a', 'x:b']) {
    for (let i = 0; i < 20; i++) {
      for (const lang of ['en', 'zh-Hans']) {
        for (let d = 0; d < 2; d++) {
          answers.push(ans({ model, probeId: `s${i}`, lang, topic: `t${i % 2}`, controls: [`c${i % 5}`], label: (i + d + model.length) % 3 ? 'REFUSED' : 'ANSWERED' }));
          if (i < 5) answers.push(ans({ model, probeId: `c${i}`, lang, topic: 'ctl', sensitive: false, label: d ? 'ANSWERED' : 'PARTIAL' }));
        }
      }
    }
  }
  const rs = itemsOf(answers);
  const full = analyze(rs, { seed: 2, resamples: 300 });
  const overview = analyze(rs, { seed: 2, resamples: 300, scope: 'overview' });
  assert.equal(full.scope, 'full');
  assert.equal(overview.scope, 'overview');
  assert.deepEqual(overview.groups, full.groups);
  assert.deepEqual(overview.topics, full.topics);
  assert.deepEqual(overview.coverage, full.coverage);
  assert.deepEqual(overview.overall, full.overall);
  for (const model of ['x:a', 'x:b']) {
    const direct = rateBlock(rs.filter((r) => r.model === model), { seed: 2, resamples: 300 });
    const o = full.overall.find((b) => b.model === model)!;
    assert.equal(o.judged, direct.judged);
    close(o.censorshipIndex.value, direct.censorshipIndex.value, 1e-12);
    close(o.censorshipIndex.ci[0], direct.censorshipIndex.ci[0], 1e-9);
    close(o.censorshipIndex.ci[1], direct.censorshipIndex.ci[1], 1e-9);
  }
  assert.deepEqual(overview.contrasts.asymmetry, full.contrasts.asymmetry);
  assert.ok(full.cells.length > 0 && full.contrasts.modelGap.length === 1 && full.contrasts.languageGap.length > 0);
  assert.deepEqual([overview.cells, overview.contrasts.modelGap, overview.contrasts.languageGap, overview.contrasts.did, overview.contrasts.hostGap], [[], [], [], [], []]);
});
