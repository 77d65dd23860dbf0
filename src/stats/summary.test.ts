import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, type CountRow } from './summary.js';

const row = (over: Partial<CountRow>): CountRow => ({ model: 'm', sensitive: true, qtype: 'direct', outcome: 'ok', label: 'ANSWERED', n: 1, ...over });

test('rates are fractions of judged answers; excluded outcomes only count as coverage', () => {
  const s = summarize('r1', [
    row({ label: 'REFUSED', n: 3 }),
    row({ label: 'ANSWERED', n: 5 }),
    row({ label: 'STATE_NARRATIVE', n: 2 }),
    row({ outcome: 'truncated', label: null, n: 4 }),
    row({ outcome: 'error', label: null, n: 1 }),
    row({ sensitive: false, label: 'ANSWERED', n: 9 }),
    row({ sensitive: false, label: 'DEFLECTED', n: 1 }),
    row({ sensitive: false, qtype: 'unsafe', label: 'REFUSED', n: 2 }),
  ]);
  const m = s.models[0]!;
  assert.equal(m.n, 22);
  assert.equal(m.excluded, 5);
  assert.equal(m.outcomes.truncated, 4);
  assert.equal(m.coverage, 22 / 27);
  assert.equal(m.sensitive.n, 10);
  assert.equal(m.sensitive.rates.REFUSED, 0.3);
  assert.equal(m.sensitive.censorshipIndex, 0.5);
  assert.equal(m.control.n, 10);
  assert.equal(m.control.censorshipIndex, 0.1);
  assert.equal(m.unsafe.n, 2);
  assert.equal(m.unsafe.rates.REFUSED, 1);
  assert.ok(Math.abs(m.asymmetry.value - 0.4) < 1e-12);
  assert.ok(m.asymmetry.ci[0] < 0.4 && m.asymmetry.ci[1] > 0.4);
  // all judged: 3 + 2 + 1 + 2 censored of 22
  assert.equal(m.censorshipIndex, 8 / 22);
  const sum = Object.values(m.rates).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-12);
});

test('a model with nothing judged reports zero rates and full-width intervals', () => {
  const m = summarize('r', [row({ outcome: 'http_error', label: null, n: 3 })]).models[0]!;
  assert.equal(m.n, 0);
  assert.equal(m.coverage, 0);
  assert.deepEqual(m.censorshipIndexCI, [0, 1]);
});
