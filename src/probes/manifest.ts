/**
 * Multi-file suites: a directory with a `suite.yaml` manifest (`suite`, `version`, rules and
 * `parts`) and part files that are suite files themselves. Items are merged across parts.
 * @module
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SuiteError, type Issue } from '../core/errors.js';
import { assemble, headerOf } from './assemble.js';
import type { Problem } from './checks.js';
import { readSuiteText } from './read.js';
import { manifestSchema } from './schema.js';
import type { LoadedSuite } from './suite-types.js';
import { fromZod, parseYaml, rawArray, type YamlSource } from './yaml-doc.js';

/** The manifest's file name inside a suite directory. */
export const MANIFEST_NAME = 'suite.yaml';

/** Part files for `parts: auto`: every other `*.yaml` in the directory, sorted by name. */
async function autoParts(dir: string): Promise<string[]> {
  const names = await readdir(dir, { withFileTypes: true });
  return names
    .filter((d) => d.isFile() && d.name.endsWith('.yaml') && d.name !== MANIFEST_NAME)
    .map((d) => d.name)
    .sort();
}

/**
 * Loads the suite described by a parsed manifest.
 * @param dir - the suite directory (becomes `info.path`)
 * @throws {SuiteError} with the problems of the manifest and of every part
 */
export async function loadManifestSuite(dir: string, manifest: YamlSource): Promise<LoadedSuite> {
  const problems: Problem[] = [];
  const top = manifestSchema.safeParse(manifest.data, { reportInput: true });
  if (!top.success) problems.push(...fromZod(top.error.issues, []));
  if (manifest.data !== null && typeof manifest.data === 'object' && 'items' in manifest.data) {
    problems.push({ path: ['items'], message: 'a manifest lists part files under "parts"; put items in the part files' });
  }

  const rawParts = (manifest.data as Record<string, unknown> | null)?.parts;
  let names: { name: string; at: number | undefined }[] = [];
  if (rawParts === 'auto') {
    names = (await autoParts(dir)).map((name) => ({ name, at: undefined }));
    if (names.length === 0) problems.push({ path: ['parts'], message: `parts: auto found no *.yaml part files in ${dir}` });
  } else {
    const seen = new Set<string>();
    rawArray(manifest.data, 'parts').forEach((name, at) => {
      if (typeof name !== 'string') return; // the schema reports it
      if (name === MANIFEST_NAME) problems.push({ path: ['parts', at], message: `${MANIFEST_NAME} is the manifest, not a part` });
      else if (seen.has(name)) problems.push({ path: ['parts', at], message: `part "${name}" is listed twice` });
      else names.push({ name, at });
      seen.add(name);
    });
  }

  const parts: { source: YamlSource; name: string }[] = [];
  const syntax: Issue[] = [];
  for (const { name, at } of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = await readSuiteText(file, 'part file');
    } catch (e) {
      const message = e instanceof SuiteError ? (e.issues[0]?.message ?? e.message) : String(e);
      problems.push({ path: at === undefined ? ['parts'] : ['parts', at], message: `part "${name}": ${message}` });
      continue;
    }
    const parsed = parseYaml(text, file);
    if (parsed.ok) parts.push({ source: parsed.source, name });
    else syntax.push(...parsed.issues);
  }
  // After a syntax error in any part, cross-part checks would report phantom problems.
  if (syntax.length > 0) throw new SuiteError(dir, syntax);

  const data = top.success ? headerOf(top.data) : undefined;
  return assemble({ path: dir, header: { source: manifest, problems, ...(data ? { data } : {}) }, parts, multi: true });
}
