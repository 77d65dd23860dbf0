/**
 * Checks that span several items: unique ids, retired ids, control pairs that really match
 * (a non-sensitive item of the same type, asked in every language of the sensitive one), and
 * the suite's language rules. Items may come from several part files: paths use the index in
 * the merged list, which the loader maps back to each part's own `file:line`.
 * @module
 */
import type { FieldPath } from './locate.js';
import { missingLangs } from './rules.js';
import type { RequireLangs } from './schema.js';

export interface Problem {
  path: FieldPath;
  message: string;
}

/** Item types that are controls by definition and can never be the sensitive side of a pair. */
const CONTROL_ONLY_TYPES: ReadonlySet<string> = new Set(['neutral', 'unsafe']);

/**
 * What the checks need from one item, read leniently from the raw data: a field that is
 * missing or malformed is left out (the schema reports it), and the checks that need it
 * are skipped. So one bad field does not hide a broken control reference elsewhere.
 */
interface ItemView {
  id?: string;
  topic?: string;
  sensitive?: boolean;
  type?: string;
  controls?: unknown[];
  langs?: string[];
  lists: { field: 'facts' | 'narratives'; entries: { id?: string; langs: string[] }[] }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function view(raw: unknown): ItemView {
  if (!isRecord(raw)) return { lists: [] };
  const lists = (['facts', 'narratives'] as const).map((field) => {
    const entries = Array.isArray(raw[field]) ? raw[field] : [];
    return {
      field,
      entries: entries.map((e) => ({
        id: isRecord(e) ? str(e.id) : undefined,
        langs: isRecord(e) && isRecord(e.phrases) ? Object.keys(e.phrases) : [],
      })),
    };
  });
  return {
    id: str(raw.id),
    topic: str(raw.topic),
    sensitive: typeof raw.sensitive === 'boolean' ? raw.sensitive : undefined,
    type: str(raw.type),
    controls: Array.isArray(raw.controls) ? raw.controls : raw.controls === undefined ? [] : undefined,
    langs: isRecord(raw.prompts) ? Object.keys(raw.prompts) : undefined,
    lists,
  };
}

export interface CheckOptions {
  /** Ids that may not be reused. */
  retired?: readonly string[];
  /** Where item `index`'s id is written, as seen from item `from`: `line 12 (items[3])` or `b.yaml:12 items[3]`. */
  describe: (index: number, from: number) => string;
  /** True when item `index` may be sensitive without controls. */
  uncontrolled?: (index: number) => boolean;
  /** The language rules that apply to item `index`. */
  requireLangs?: (index: number) => readonly RequireLangs[];
}

/**
 * @param raw - the items as written, valid or not (merged over all parts)
 */
export function checkItems(raw: readonly unknown[], opts: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  const items = raw.map(view);
  const firstIndex = new Map<string, number>();
  const retiredIds = new Set(opts.retired ?? []);

  items.forEach(({ id }, i) => {
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else problems.push({ path: ['items', i, 'id'], message: `duplicate item id "${id}"; also at ${opts.describe(first, i)}` });
    if (retiredIds.has(id)) {
      problems.push({ path: ['items', i, 'id'], message: `id "${id}" is retired and may not be reused; choose a new id` });
    }
  });

  items.forEach((item, i) => {
    problems.push(...checkControls(item, i, items, firstIndex, opts.uncontrolled?.(i) ?? false));
    problems.push(...checkLists(item, i));
    if (item.topic !== undefined && item.langs !== undefined) {
      for (const rule of opts.requireLangs?.(i) ?? []) {
        const missing = missingLangs(item.topic, item.langs, rule);
        if (missing.length > 0) {
          problems.push({
            path: ['items', i, 'prompts'],
            message: `topic "${item.topic}" requires prompts in ${rule.langs.join(', ')} (requireLangs ${rule.topics.join(', ')}); missing ${missing.join(', ')}`,
          });
        }
      }
    }
  });
  return problems;
}

function checkControls(
  item: ItemView,
  i: number,
  items: readonly ItemView[],
  firstIndex: ReadonlyMap<string, number>,
  uncontrolled: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const at = (...rest: PropertyKey[]): FieldPath => ['items', i, ...rest];
  const controls = item.controls ?? [];

  if (item.sensitive && item.type !== undefined && CONTROL_ONLY_TYPES.has(item.type)) {
    problems.push({ path: at('sensitive'), message: `"${item.type}" items are controls and cannot be sensitive` });
  }
  if (item.sensitive === true && item.controls?.length === 0 && !uncontrolled) {
    problems.push({ path: at('controls'), message: 'a sensitive item needs at least one control item' });
  }
  if (item.sensitive === false && controls.length > 0) {
    problems.push({ path: at('controls'), message: 'only sensitive items take controls; remove this list or mark the item sensitive' });
    return problems;
  }

  const seen = new Set<string>();
  controls.forEach((entry, j) => {
    const controlId = str(entry);
    if (controlId === undefined) return; // the schema reports it
    const path = at('controls', j);
    if (seen.has(controlId)) {
      problems.push({ path, message: `control "${controlId}" is listed twice` });
      return;
    }
    seen.add(controlId);
    const index = firstIndex.get(controlId);
    const control = index === undefined ? undefined : items[index];
    if (!control) {
      problems.push({ path, message: `control "${controlId}" is not an item of this suite` });
      return;
    }
    if (control.sensitive === true) {
      problems.push({ path, message: `control "${controlId}" is itself sensitive; controls must be sensitive: false` });
    }
    if (item.type !== undefined && control.type !== undefined && control.type !== item.type) {
      problems.push({ path, message: `control "${controlId}" is type "${control.type}"; it must match this item's type "${item.type}"` });
    }
    const missing = control.langs ? (item.langs ?? []).filter((lang) => !control.langs?.includes(lang)) : [];
    if (missing.length > 0) {
      problems.push({ path, message: `control "${controlId}" has no prompt in ${missing.join(', ')}; it must cover every language of this item` });
    }
  });
  return problems;
}

function checkLists(item: ItemView, i: number): Problem[] {
  const problems: Problem[] = [];
  const langs = item.langs;
  for (const { field, entries } of item.lists) {
    const ids = new Set<string>();
    entries.forEach((entry, k) => {
      if (entry.id !== undefined && ids.has(entry.id)) {
        problems.push({ path: ['items', i, field, k, 'id'], message: `duplicate ${field === 'facts' ? 'fact' : 'narrative'} id "${entry.id}" in this item` });
      }
      if (entry.id !== undefined) ids.add(entry.id);
      for (const lang of langs ? entry.langs.filter((l) => !langs.includes(l)) : []) {
        problems.push({
          path: ['items', i, field, k, 'phrases', lang],
          message: `phrases in "${lang}" but the item has no ${lang} prompt (prompt languages: ${langs?.join(', ')})`,
        });
      }
    });
  }
  return problems;
}
