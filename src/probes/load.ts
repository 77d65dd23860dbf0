/**
 * Loads and validates a suite file. Every problem is collected, each with its `file:line`
 * and field path, and thrown together as one {@link SuiteError}.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { SuiteError, type Issue } from '../core/errors.js';
import type { Suite } from '../core/types.js';
import { checkItems, type Problem } from './checks.js';
import { expandItems, suiteHash } from './expand.js';
import { lineOf, where, type FieldPath } from './locate.js';
import { itemSchema, suiteFileSchema, type SuiteItem } from './schema.js';

/** Absolute path of the shipped starter suite (works from `src/probes` and `dist/probes`). */
export function defaultSuitePath(): string {
  return fileURLToPath(new URL('../../suites/candor-starter.yaml', import.meta.url));
}

/**
 * Reads and validates a suite file.
 * @throws {SuiteError} when the file cannot be read or has any problem
 * @example
 * const suite = await loadSuite(defaultSuitePath());
 * suite.probes.length; // items × languages
 */
export async function loadSuite(path: string): Promise<Suite> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SuiteError(path, [{ path, message: `cannot read suite file: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  return parseSuite(text, path);
}

/**
 * Validates suite text (YAML, or JSON, which is YAML too). `file` is used in issue paths
 * and as `info.path`.
 * @throws {SuiteError} with every problem found
 */
export function parseSuite(text: string, file: string): Suite {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    // After a syntax error the structure is unreliable, so only the syntax errors are reported.
    throw new SuiteError(
      file,
      doc.errors.map((e) => ({ path: `${file}:${lines.linePos(e.pos[0]).line}`, message: `YAML: ${e.message}` })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    throw new SuiteError(file, [{ path: `${file}:1`, message: `YAML: ${e instanceof Error ? e.message : String(e)}` }]);
  }

  const lineAt = (path: FieldPath): number => lineOf(doc, lines, path);
  const problems: Problem[] = [];
  const top = suiteFileSchema.safeParse(data, { reportInput: true });
  if (!top.success) problems.push(...fromZod(top.error.issues, []));

  const rawItems = rawArray(data, 'items');
  const items = rawItems.map((raw, i): SuiteItem | undefined => {
    const result = itemSchema.safeParse(raw, { reportInput: true });
    if (result.success) return result.data;
    problems.push(...fromZod(result.error.issues, ['items', i]));
    return undefined;
  });
  const retired = rawArray(data, 'retired').filter((id): id is string => typeof id === 'string');
  problems.push(...checkItems(rawItems, retired, lineAt));

  if (!top.success || problems.length > 0) throw new SuiteError(file, toIssues(problems, doc, lines, file));

  const valid = items as SuiteItem[];
  const { suite: id, version } = top.data;
  return {
    info: { id, version, hash: suiteHash(id, version, valid), path: file },
    probes: expandItems(valid),
  };
}

const isNumberOrBoolean = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';

function rawArray(data: unknown, key: string): unknown[] {
  if (data === null || typeof data !== 'object') return [];
  const value = (data as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : [];
}

/** One problem per zod issue; an unknown-keys issue becomes one problem per key, on its line. */
function fromZod(issues: readonly z.core.$ZodIssue[], prefix: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown field "${key}"` });
    } else if (issue.code === 'invalid_key') {
      const key = String(issue.path[issue.path.length - 1]);
      out.push({ path, message: `invalid key "${key}": ${issue.issues[0]?.message ?? issue.message}` });
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      out.push({ path, message: `missing required field (expected ${issue.expected})` });
    } else if (issue.code === 'invalid_type' && issue.expected === 'string' && isNumberOrBoolean(issue.input)) {
      // YAML reads unquoted `1.0` and `2008` as numbers, `true` as a boolean.
      out.push({ path, message: `expected a string, but YAML read a ${typeof issue.input} (${String(issue.input)}); put the value in quotes` });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

/** Sorted by line (stable), so a long list reads top to bottom like the file. */
function toIssues(problems: readonly Problem[], doc: Document, lines: LineCounter, file: string): Issue[] {
  return problems
    .map((p) => ({ line: lineOf(doc, lines, p.path), problem: p }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, problem }) => ({ path: where(file, line, problem.path), message: problem.message }));
}
