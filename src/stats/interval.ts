/** 95% two-sided normal quantile. */
export const Z95 = 1.959963984540054;

export type Interval = [number, number];

/**
 * Wilson score interval for k successes in n trials; [0, 1] when n is 0.
 * @example wilson(8, 10) // ≈ [0.490, 0.943]
 */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval (method 10) for the difference p1 − p2 of two
 * independent proportions, built from the two Wilson intervals.
 * @example newcombeDiff(8, 10, 2, 10) // ≈ [0.162, 0.803]
 */
export function newcombeDiff(k1: number, n1: number, k2: number, n2: number, z = Z95): Interval {
  if (n1 <= 0 || n2 <= 0) return [-1, 1];
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const [l1, u1] = wilson(k1, n1, z);
  const [l2, u2] = wilson(k2, n2, z);
  const d = p1 - p2;
  const lo = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const hi = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return [Math.max(-1, lo), Math.min(1, hi)];
}
