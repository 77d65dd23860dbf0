import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohenKappa, kappaPerLabel } from './kappa.js';

const close = (a: number | null, b: number): void => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('cohenKappa: hand-computed 2×2 table', () => {
  // a\b  yes no ; yes 20 5 ; no 10 15 (n=50): po = 35/50 = 0.7;
  // pe = (25/50)(30/50) + (25/50)(20/50) = 0.3 + 0.2 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
  const a = [...Array(20).fill('y'), ...Array(5).fill('y'), ...Array(10).fill('n'), ...Array(15).fill('n')];
  const b = [...Array(20).fill('y'), ...Array(5).fill('n'), ...Array(10).fill('y'), ...Array(15).fill('n')];
  close(cohenKappa(a, b), 0.4);
});

test('cohenKappa: hand-computed 3-label table', () => {
  // pairs: (R,R)×3, (A,A)×4, (P,P)×1, (R,A)×1, (P,A)×1 — n=10, po = 0.8
  // a: R 4, A 4, P 2 ; b: R 3, A 6, P 1 ; pe = .4·.3 + .4·.6 + .2·.1 = .12 + .24 + .02 = .38
  // κ = (0.8 − 0.38)/(0.62) = 0.42/0.62
  const a = ['R', 'R', 'R', 'A', 'A', 'A', 'A', 'P', 'R', 'P'];
  const b = ['R', 'R', 'R', 'A', 'A', 'A', 'A', 'P', 'A', 'A'];
  close(cohenKappa(a, b), 0.42 / 0.62);
});

test('cohenKappa: perfect, chance-level, inverse and undefined cases', () => {
  close(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a']), 1);
  close(cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b']), 0);
  close(cohenKappa(['a', 'b'], ['b', 'a']), -1);
  close(cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']), 0.5);
  assert.equal(cohenKappa([], []), null);
  assert.equal(cohenKappa(['a', 'a'], ['a', 'a']), null);
  assert.throws(() => cohenKappa(['a'], []), RangeError);
});

test('kappaPerLabel: one-vs-rest, hand-computed', () => {
  const a = ['R', 'R', 'R', 'A', 'A', 'A', 'A', 'P', 'R', 'P'];
  const b = ['R', 'R', 'R', 'A', 'A', 'A', 'A', 'P', 'A', 'A'];
  const k = kappaPerLabel(a, b, ['R', 'A', 'P', 'X']);
  // R vs rest: a R 4, b R 3, agree on 9 of 10: po .9, pe .4·.3 + .6·.7 = .54, κ = .36/.46
  close(k['R'] ?? null, 0.36 / 0.46);
  // A vs rest: a A 4, b A 6, agree 8: po .8, pe .4·.6 + .6·.4 = .48, κ = .32/.52
  close(k['A'] ?? null, 0.32 / 0.52);
  // P vs rest: a P 2, b P 1, agree 9: po .9, pe .2·.1 + .8·.9 = .74, κ = .16/.26
  close(k['P'] ?? null, 0.16 / 0.26);
  assert.equal(k['X'], null);
});
