/**
 * Validates a suite made of one or more parsed sources (a single file, or a manifest and its
 * part files) and builds the {@link LoadedSuite}. Every problem keeps its own part's
 * `file:line`; all of them are thrown together as one {@link SuiteError}.
 * @module
 */
import { SuiteError, type Issue } from '../core/errors.js';
import { checkItems, type Problem } from './checks.js';
import { expandItems, suiteHash } from './expand.js';
import { itemSchema, suiteFileSchema, type RequireLangs, type SuiteItem } from './schema.js';
import type { LoadedSuite, SuiteRules } from './suite-types.js';
import { fromZod, lineIn, rawArray, toIssues, type YamlSource } from './yaml-doc.js';

/** The suite's identity and rules, as read from the manifest or the single file. */
export interface SuiteHeader {
  suite: string;
  version: string;
  description?: string;
  retired: string[];
  rules: SuiteRules;
}

/** The header of a validated manifest or suite file, defaults filled in. */
export function headerOf(top: {
  suite: string;
  version: string;
  description?: string | undefined;
  retired: string[];
  requireLangs?: RequireLangs[] | undefined;
  controlLanguage?: string | undefined;
  uncontrolled?: boolean | undefined;
}): SuiteHeader {
  const { suite, version, description, retired, requireLangs = [], controlLanguage, uncontrolled = false } = top;
  const header: SuiteHeader = { suite, version, retired, rules: { requireLangs, uncontrolled } };
  if (description !== undefined) header.description = description;
  if (controlLanguage !== undefined) header.rules.controlLanguage = controlLanguage;
  return header;
}

export interface AssembleInput {
  /** `info.path` and the `file` of a thrown SuiteError: the file, or the suite directory. */
  path: string;
  /** Where the header was read (manifest or single file), its problems so far, and its data when valid. */
  header: { source: YamlSource; problems: Problem[]; data?: SuiteHeader };
  /** Part files (a single-file suite passes its own source and no names). */
  parts: { source: YamlSource; name?: string }[];
  /** A directory suite: parts carry their own header checks, and items are ordered by id. */
  multi: boolean;
}

interface Entry {
  part: number;
  index: number;
  raw: unknown;
  item?: SuiteItem;
}

interface PartState {
  problems: Problem[];
  uncontrolled: boolean;
  requireLangs: RequireLangs[];
  retired: string[];
}

/** @throws {SuiteError} with every problem of every source */
export function assemble(input: AssembleInput): LoadedSuite {
  const { header, parts, multi } = input;
  const entries: Entry[] = [];
  const states: PartState[] = parts.map(({ source }, p) => {
    const problems: Problem[] = [];
    let state: PartState = { problems, uncontrolled: false, requireLangs: [], retired: [] };
    if (multi) {
      const top = suiteFileSchema.safeParse(source.data, { reportInput: true });
      if (top.success) {
        const { uncontrolled = false, requireLangs = [], retired } = top.data;
        state = { problems, uncontrolled, requireLangs, retired };
      } else problems.push(...fromZod(top.error.issues, []));
    }
    rawArray(source.data, 'items').forEach((raw, index) => {
      const parsed = itemSchema.safeParse(raw, { reportInput: true });
      if (parsed.success) entries.push({ part: p, index, raw, item: parsed.data });
      else {
        problems.push(...fromZod(parsed.error.issues, ['items', index]));
        entries.push({ part: p, index, raw });
      }
    });
    return state;
  });

  const rules = header.data?.rules;
  const describe = (g: number, from: number): string => {
    const at = entries[g]!;
    const source = parts[at.part]!.source;
    const line = lineIn(source, ['items', at.index, 'id']);
    return entries[from]!.part === at.part ? `line ${line} (items[${at.index}])` : `${source.file}:${line} items[${at.index}]`;
  };
  const cross = checkItems(entries.map((e) => e.raw), {
    retired: [...(header.data?.retired ?? []), ...states.flatMap((s) => s.retired)],
    describe,
    uncontrolled: (g) => (rules?.uncontrolled ?? false) || states[entries[g]!.part]!.uncontrolled,
    requireLangs: (g) => [...(rules?.requireLangs ?? []), ...states[entries[g]!.part]!.requireLangs],
  });
  for (const problem of cross) {
    const [, g, ...rest] = problem.path;
    const at = entries[g as number]!;
    states[at.part]!.problems.push({ path: ['items', at.index, ...rest], message: problem.message });
  }

  const valid = entries.every((e) => e.item !== undefined) ? entries.map((e) => e.item!) : undefined;
  const headerProblems = [...header.problems];
  const controlLanguage = rules?.controlLanguage;
  if (valid && controlLanguage !== undefined && !valid.some((i) => i.sensitive && controlLanguage in i.prompts)) {
    headerProblems.push({ path: ['controlLanguage'], message: `no sensitive item has a prompt in the control language "${controlLanguage}"` });
  }

  const issues = collectIssues(input, headerProblems, states);
  if (issues.length > 0 || !valid || !header.data) throw new SuiteError(input.path, issues);

  const items = multi ? [...valid].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : valid;
  const { suite: id, version, description, retired } = header.data;
  const uncontrolledIds = entries
    .filter((e) => header.data!.rules.uncontrolled || states[e.part]!.uncontrolled)
    .map((e) => e.item!.id);
  const loaded: LoadedSuite = {
    info: { id, version, hash: suiteHash(id, version, items), path: input.path },
    probes: expandItems(items),
    items,
    rules: header.data.rules,
    uncontrolledIds,
    parts: parts.map((p) => p.name).filter((n): n is string => n !== undefined),
    retired: [...new Set([...retired, ...states.flatMap((s) => s.retired)])],
  };
  if (description !== undefined) loaded.description = description;
  return loaded;
}

/** Header issues first, then each part's, each sorted by line; a single file sorts them together. */
function collectIssues(input: AssembleInput, headerProblems: Problem[], states: PartState[]): Issue[] {
  if (!input.multi) return toIssues([...headerProblems, ...states.flatMap((s) => s.problems)], input.header.source);
  return [
    ...toIssues(headerProblems, input.header.source),
    ...states.flatMap((s, p) => toIssues(s.problems, input.parts[p]!.source)),
  ];
}
