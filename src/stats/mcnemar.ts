/**
 * McNemar's test for paired binary outcomes: `b` pairs where only A is positive, `c` where
 * only B is. Exact: two-sided binomial p with n = b + c and probability ½; mid-p subtracts
 * half the probability of the observed table (less conservative, close to nominal size).
 * @example mcnemar(6, 1) // { exact: 0.125, midP: 0.0703… }
 */
export function mcnemar(b: number, c: number): { b: number; c: number; exact: number; midP: number } {
  const n = b + c;
  if (n === 0) return { b, c, exact: 1, midP: 1 };
  const m = Math.min(b, c);
  let tail = 0;
  for (let i = 0; i <= m; i++) tail += binomHalf(n, i);
  const point = binomHalf(n, m);
  const exact = Math.min(1, 2 * tail);
  const midP = Math.min(1, 2 * (tail - point / 2));
  return { b, c, exact, midP };
}

/** C(n, k) / 2^n, computed in log space so large n does not overflow. */
function binomHalf(n: number, k: number): number {
  return Math.exp(logChoose(n, k) - n * Math.LN2);
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}
