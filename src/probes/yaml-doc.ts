/**
 * One parsed YAML source with what is needed to point at its lines, and the conversion of
 * zod issues and problems into `file:line field: message` issues.
 *
 * Suites are read with js-yaml (core schema), several times faster than building a `yaml`
 * Document with positions; the Document is built only when a problem has to be located, or when
 * js-yaml rejects the text (then `yaml` reports the syntax errors, as it always has).
 * @module
 */
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { SuiteError, type Issue } from '../core/errors.js';
import type { Problem } from './checks.js';
import { lineOf, where, type FieldPath } from './locate.js';

export interface YamlSource {
  /** The name used in issues: `suites/x.yaml`. */
  file: string;
  /** The text (without a leading BOM), parsed again with positions only to locate a problem. */
  text: string;
  data: unknown;
}

/** A syntax error leaves the structure unreliable, so the caller reports these alone. */
export type ParseResult = { ok: true; source: YamlSource } | { ok: false; issues: Issue[] };

/** Parses YAML (or JSON) text; a leading BOM is ignored. */
export function parseYaml(text: string, file: string): ParseResult {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, source: { file, text: clean, data: jsyaml.load(clean, { schema: jsyaml.CORE_SCHEMA, filename: file }) } };
  } catch {
    // Reported (or, where js-yaml is stricter, read) by `yaml` below.
  }
  try {
    const { doc, lines } = withPositions(clean);
    if (doc.errors.length > 0) {
      return { ok: false, issues: doc.errors.map((e) => ({ path: `${file}:${lines.linePos(e.pos[0]).line}`, message: `YAML: ${/call stack/i.test(e.message) ? 'nested too deeply to read' : e.message}` })) };
    }
    return { ok: true, source: { file, text: clean, data: doc.toJS() } };
  } catch (e) {
    const message = e instanceof RangeError ? 'nested too deeply to read' : e instanceof Error ? e.message : String(e); // RangeError: stack overflow
    return { ok: false, issues: [{ path: `${file}:1`, message: `YAML: ${message}` }] };
  }
}

interface Positions {
  doc: Document;
  lines: LineCounter;
}

function withPositions(text: string): Positions {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false }), lines };
}

/** Documents with positions, built on the first problem to locate in a source. */
const located = new WeakMap<YamlSource, Positions>();

/** Like {@link parseYaml}, but throws the syntax errors. */
export function parseYamlOrThrow(text: string, file: string): YamlSource {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) throw new SuiteError(file, parsed.issues);
  return parsed.source;
}

/** The 1-based line of a field path in a source. */
export function lineIn(source: YamlSource, path: FieldPath): number {
  let at = located.get(source);
  if (!at) {
    at = withPositions(source.text);
    located.set(source, at);
  }
  return lineOf(at.doc, at.lines, path);
}

/** `file:line field` of a field path in a source. */
export function whereIn(source: YamlSource, path: FieldPath): string {
  return where(source.file, lineIn(source, path), path);
}

/** The array under a top-level key, or `[]`. */
export function rawArray(data: unknown, key: string): unknown[] {
  if (data === null || typeof data !== 'object') return [];
  const value = (data as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : [];
}

const isNumberOrBoolean = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';

/** One problem per zod issue; an unknown-keys issue becomes one problem per key, on its line. */
export function fromZod(issues: readonly z.core.$ZodIssue[], prefix: FieldPath): Problem[] {
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
export function toIssues(problems: readonly Problem[], source: YamlSource): Issue[] {
  return problems
    .map((p) => ({ line: lineIn(source, p.path), problem: p }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, problem }) => ({ path: where(source.file, line, problem.path), message: problem.message }));
}
