/**
 * Narrows a suite's probes by language, topic and item count without breaking control pairs.
 * @module
 */
import { ConfigError } from '../core/errors.js';
import type { Probe } from '../core/types.js';

export interface SelectOptions {
  /** Keep only these prompt languages. */
  langs?: readonly string[];
  /** Keep only items with these topics (their controls are kept too). */
  topics?: readonly string[];
  /** Keep the first N items in suite order (their controls are kept too, on top of N). */
  limit?: number;
}

function unknown(kind: string, asked: readonly string[] | undefined, known: ReadonlySet<string>): void {
  const bad = (asked ?? []).filter((x) => !known.has(x));
  if (bad.length > 0) {
    throw new ConfigError(`unknown ${kind} ${bad.map((x) => `"${x}"`).join(', ')}; this suite has: ${[...known].join(', ')}`);
  }
}

/**
 * Filters probes. Topics and `limit` choose ITEMS (each with all its languages, in suite
 * order); then every control of a chosen sensitive item is added, even when its topic was
 * not asked for or it lies past the limit, so each sensitive item keeps its matched pair.
 * `langs` is applied last; controls cover their sensitive item's languages, so pairs stay
 * matched in every kept language.
 *
 * @throws {ConfigError} for a language or topic the probes do not have, or a bad limit
 * @example
 * selectProbes(suite.probes, { langs: ['zh-Hans'], limit: 3 });
 */
export function selectProbes(probes: readonly Probe[], opts: SelectOptions = {}): Probe[] {
  const { langs, topics, limit } = opts;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new ConfigError(`limit must be a whole number ≥ 0, got ${limit}`);
  }
  unknown('language', langs, new Set(probes.map((p) => p.lang)));
  unknown('topic', topics, new Set(probes.map((p) => p.topic)));

  // Items in suite order, with what selection needs to know about each.
  const items = new Map<string, Probe>();
  for (const p of probes) if (!items.has(p.id)) items.set(p.id, p);

  let chosen = [...items.values()];
  if (topics) chosen = chosen.filter((p) => topics.includes(p.topic));
  if (limit !== undefined) chosen = chosen.slice(0, limit);

  const keep = new Set(chosen.map((p) => p.id));
  for (const p of chosen) if (p.sensitive) for (const c of p.controls) keep.add(c);

  return probes.filter((p) => keep.has(p.id) && (!langs || langs.includes(p.lang)));
}
