/**
 * Loads and validates a suite: one file, or a directory whose `suite.yaml` manifest lists part
 * files. Every problem is collected, each with its `file:line` and field path, and thrown
 * together as one {@link SuiteError}.
 * @module
 */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, headerOf } from './assemble.js';
import { loadManifestSuite, MANIFEST_NAME } from './manifest.js';
import { readSuiteText } from './read.js';
import { suiteFileSchema } from './schema.js';
import type { LoadedSuite } from './suite-types.js';
import { fromZod, parseYamlOrThrow, type YamlSource } from './yaml-doc.js';

/**
 * Absolute path of the shipped default suite, the candor-v1 directory (works from
 * `src/probes` and `dist/probes`).
 */
export function defaultSuitePath(): string {
  return fileURLToPath(new URL('../../suites/candor-v1', import.meta.url));
}

/** The small bilingual starter suite (`--suite suites/candor-starter.yaml`). */
export function starterSuitePath(): string {
  return fileURLToPath(new URL('../../suites/candor-starter.yaml', import.meta.url));
}

const isManifestData = (data: unknown): boolean => data !== null && typeof data === 'object' && !Array.isArray(data) && 'parts' in data;

/**
 * Reads and validates a suite: a suite file, a suite directory (with `suite.yaml`), or the
 * path of such a manifest.
 * @throws {SuiteError} when a file cannot be read or has any problem
 * @example
 * const suite = await loadSuite(defaultSuitePath());
 * suite.probes.length; // items × languages
 */
export async function loadSuite(path: string): Promise<LoadedSuite> {
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    // readSuiteText reports the missing file
  }
  if (isDir) {
    const manifest = join(path, MANIFEST_NAME);
    return loadManifestSuite(path, parseYamlOrThrow(await readSuiteText(manifest, `suite manifest (a suite directory needs ${MANIFEST_NAME})`), manifest));
  }
  const text = await readSuiteText(path);
  const source = parseYamlOrThrow(text, path);
  if (isManifestData(source.data)) return loadManifestSuite(dirname(path), source);
  return fromSource(source);
}

/**
 * Validates suite text (YAML, or JSON, which is YAML too). `file` is used in issue paths
 * and as `info.path`.
 * @throws {SuiteError} with every problem found
 */
export function parseSuite(text: string, file: string): LoadedSuite {
  return fromSource(parseYamlOrThrow(text, file));
}

function fromSource(source: YamlSource): LoadedSuite {
  const top = suiteFileSchema.safeParse(source.data, { reportInput: true });
  const data = top.success ? headerOf(top.data) : undefined;
  const problems = top.success ? [] : fromZod(top.error.issues, []);
  return assemble({ path: source.file, header: { source, problems, ...(data ? { data } : {}) }, parts: [{ source }], multi: false });
}
