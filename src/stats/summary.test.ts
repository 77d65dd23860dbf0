import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Outcome } from '../core/types.js';
import { analyze } from './analysis.js';
import { wilson } from './interval.js';
import { itemsOf, type AnswerFacts } from './items.js';
import { summarize } from './summary.js';

const ans = (probeId: string, label: string | null, over: Partial<AnswerFacts> = {}): AnswerFacts => ({
  model: 'm', probeId, lang: 'en', topic: 't', qtype: 'direct', sensitive: true, controls: [], outcome: label === null ? 'truncated' : 'ok',
  label, scores: label === null ? null : { factCoverage: null, narrativeFlags: [] }, ...over,
});
const summary = (answers: AnswerFacts[]): ReturnType<typeof summarize> => {
  const records = itemsOf(answers);
  return summarize('r1', analyze(records, { seed: 1 }));
};

test('single draws: shares of judged answers with Wilson intervals; the paired asymmetry; exclusions only as coverage', () => {
  const labels = ['REFUSED', 'REFUSED', 'REFUSED', 'STATE_NARRATIVE', 'STATE_NARRATIVE', 'ANSWERED', 'ANSWERED', 'ANSWERED', 'ANSWERED', 'ANSWERED'];
  const answers = [
    ...labels.map((l, i) => ans(`s${i}`, l, { controls: [`c${i}`] })),
    ...Array.from({ length: 10 }, (_, i) => ans(`c${i}`, i === 9 ? 'DEFLECTED' : 'ANSWERED', { sensitive: false, topic: 'ctl' })),
    ans('u0', 'REFUSED', { sensitive: false, qtype: 'unsafe' }), ans('u1', 'REFUSED', { sensitive: false, qtype: 'unsafe' }),
    ...['x0', 'x1', 'x2', 'x3'].map((id) => ans(id, null)),
    ans('x4', null, { outcome: 'error' as Outcome }),
  ];
  const m = summary(answers).models[0]!;
  assert.equal(m.n, 22);
  assert.equal(m.excluded, 5);
  assert.equal(m.outcomes.truncated, 4);
  assert.equal(m.coverage, 22 / 27);
  assert.equal(m.sensitive.n, 10);
  assert.equal(m.sensitive.rates.REFUSED, 0.3);
  assert.equal(m.sensitive.censorshipIndex, 0.5);
  assert.deepEqual(m.sensitive.censorshipIndexCI, wilson(5, 10));
  assert.equal(m.control.n, 10);
  assert.equal(m.control.censorshipIndex, 0.1);
  assert.equal(m.unsafe.n, 2);
  assert.equal(m.unsafe.rates.REFUSED, 1);
  // paired: s0–s4 censored against answered controls (+1 each), s9 answered against the deflected c9 (−1)
  assert.ok(Math.abs(m.asymmetry.value - 0.4) < 1e-12);
  assert.equal(m.asymmetry.pairs, 10);
  assert.ok(m.asymmetry.ci[0] < 0.4 && m.asymmetry.ci[1] > 0.4);
  assert.ok(m.asymmetry.p > 0 && m.asymmetry.p < 1);
  assert.equal(m.censorshipIndex, 8 / 22);
  const sum = Object.values(m.rates).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-12);
});

test('several draws: each item\'s draws are averaged first and the interval is clustered by item', () => {
  const m = summary([ans('a', 'REFUSED'), ans('a', 'REFUSED', { }), ans('a', 'ANSWERED'), ans('b', 'ANSWERED')]).models[0]!;
  assert.equal(m.sensitive.n, 4);
  assert.ok(Math.abs(m.sensitive.censorshipIndex - (2 / 3 + 0) / 2) < 1e-12, 'not the pooled 2/4');
  const [lo, hi] = m.sensitive.censorshipIndexCI;
  const pooled = wilson(2, 4);
  assert.ok(lo <= m.sensitive.censorshipIndex && m.sensitive.censorshipIndex <= hi);
  assert.ok(hi - lo >= pooled[1] - pooled[0] - 1e-12, 'two items are less information than four independent answers');
});

test('a model with nothing judged reports zero rates and full-width intervals', () => {
  const m = summary([ans('a', null, { outcome: 'http_error' }), ans('b', null, { outcome: 'http_error' })]).models[0]!;
  assert.equal(m.n, 0);
  assert.equal(m.coverage, 0);
  assert.deepEqual(m.censorshipIndexCI, [0, 1]);
  assert.equal(m.asymmetry.pairs, 0);
});
