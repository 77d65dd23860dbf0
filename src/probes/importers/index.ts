/**
 * @module importers: third-party prompt files → suite files (`candor probes import`).
 */
import { ConfigError } from '../../core/errors.js';
import { parseSuite } from '../load.js';
import type { LoadedSuite } from '../suite-types.js';
import { buildImportedSuite, type ImportedSuite } from './build.js';
import { importCsv } from './csv.js';
import { importDeccp } from './deccp.js';
import { importJsonl } from './jsonl.js';
import { importPromptfooCcp } from './promptfoo-ccp.js';
import type { ImportOptions, Importer } from './types.js';

export { importedId, slug, type ImportedSuite } from './build.js';
export { detectChinese } from './deccp.js';
export type { ImportOptions } from './types.js';

const IMPORTERS: Record<string, Importer> = {
  'promptfoo-ccp': importPromptfooCcp,
  deccp: importDeccp,
  csv: importCsv,
  jsonl: importJsonl,
};

export const IMPORT_FORMATS = Object.keys(IMPORTERS);

/**
 * Imports `text` (read from `file`) into a suite, and validates the result.
 * @throws {ConfigError} for an unknown format or a bad mapping; {@link SuiteError} for bad rows
 * @example
 * const { yaml } = importSuite('promptfoo-ccp', csvText, 'ccp.csv', {});
 */
export function importSuite(format: string, text: string, file: string, opts: ImportOptions = {}, out = 'imported.yaml'): ImportedSuite & { suite: LoadedSuite } {
  const importer = IMPORTERS[format];
  if (!importer) throw new ConfigError(`unknown import format "${format}"; use one of ${IMPORT_FORMATS.join(', ')}`);
  const built = buildImportedSuite(importer(text, file, opts), file, format, opts);
  return { ...built, suite: parseSuite(built.yaml, out) };
}
