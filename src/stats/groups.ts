import type { ItemRecord } from './items.js';

export type Group = 'sensitive' | 'control' | 'neutral' | 'unsafe';
export const GROUPS: readonly Group[] = ['sensitive', 'control', 'neutral', 'unsafe'];

/** The item's group, as in the summary: neutral China questions and unsafe requests are not controls. */
export function groupOf(r: Pick<ItemRecord, 'sensitive' | 'qtype'>): Group {
  if (r.sensitive) return 'sensitive';
  return r.qtype === 'neutral' ? 'neutral' : r.qtype === 'unsafe' ? 'unsafe' : 'control';
}

/** Groups records by a key, keeping first-seen order. */
export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * The model name of a stored model spec (`kind:model@endpoint` → `model`), used to find the
 * same model served by two hosts. The CLI passes the names recorded in the manifest instead.
 */
export function defaultModelName(spec: string): string {
  const colon = spec.indexOf(':');
  const rest = colon >= 0 ? spec.slice(colon + 1) : spec;
  const at = rest.lastIndexOf('@');
  return at >= 0 && /^(https?:\/\/|[\w.-]+:\d)/i.test(rest.slice(at + 1)) ? rest.slice(0, at) : rest;
}
