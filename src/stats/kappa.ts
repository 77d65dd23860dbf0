/**
 * Cohen's kappa: agreement between two raters beyond what their label frequencies would give
 * by chance, κ = (po − pe) / (1 − pe). Pure.
 * @module
 */

/**
 * Cohen's kappa of two raters over the same items. `null` when it is undefined: no items, or
 * chance agreement of 1 (both raters always gave the same single label).
 *
 * @example
 * cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']); // 0.5
 */
export function cohenKappa(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new RangeError(`cohenKappa: ${a.length} ratings vs ${b.length}`);
  const n = a.length;
  if (n === 0) return null;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) agree++;
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, k] of ca) pe += (k / n) * ((cb.get(label) ?? 0) / n);
  if (pe >= 1 - 1e-12) return null;
  return (po - pe) / (1 - pe);
}

/**
 * One-vs-rest kappa for each label: each rater's answer reduced to "this label or not".
 *
 * @example
 * kappaPerLabel(['A', 'B'], ['A', 'A'], ['A', 'B']); // { A: 0, B: 0 }
 */
export function kappaPerLabel(
  a: readonly string[],
  b: readonly string[],
  labels: readonly string[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const l of labels) {
    out[l] = cohenKappa(
      a.map((x) => (x === l ? l : '')),
      b.map((y) => (y === l ? l : '')),
    );
  }
  return out;
}
