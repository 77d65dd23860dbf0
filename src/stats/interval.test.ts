import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newcombeDiff, wilson } from './interval.js';

const close = (a: number, b: number, eps = 5e-4): void => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('wilson matches hand-computed values', () => {
  // p = 0.8, n = 10: centre 0.71674, half-width 0.22658 (computed by hand with z = 1.96)
  const [lo, hi] = wilson(8, 10);
  close(lo, 0.4902);
  close(hi, 0.9433);
  const [lo2, hi2] = wilson(0, 20);
  close(lo2, 0);
  close(hi2, 0.1611);
});

test('wilson stays inside [0, 1] and contains the point estimate', () => {
  for (const n of [1, 2, 5, 17, 100, 1000]) {
    for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 7))) {
      const [lo, hi] = wilson(k, n);
      assert.ok(lo >= 0 && hi <= 1 && lo <= k / n + 1e-12 && hi >= k / n - 1e-12, `${k}/${n}: [${lo}, ${hi}]`);
    }
  }
  assert.deepEqual(wilson(0, 0), [0, 1]);
});

test('newcombe difference matches hand-computed values', () => {
  const [lo, hi] = newcombeDiff(8, 10, 2, 10);
  close(lo, 0.1619);
  close(hi, 0.8027);
  assert.deepEqual(newcombeDiff(1, 0, 1, 5), [-1, 1]);
});
