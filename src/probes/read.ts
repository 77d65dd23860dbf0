/** Reading suite files from disk. @module */
import { readFile } from 'node:fs/promises';
import { SuiteError } from '../core/errors.js';

/** Reads a text file, turning a failure into a SuiteError for `file`. */
export async function readSuiteText(path: string, what = 'suite file'): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new SuiteError(path, [{ path, message: `cannot read ${what}: ${e instanceof Error ? e.message : String(e)}` }]);
  }
}

