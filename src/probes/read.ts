/** Reading suite files from disk. @module */
import { readFile, stat } from 'node:fs/promises';
import { SuiteError } from '../core/errors.js';

/** Larger suite files are refused: the bundled suite's biggest part is well under 1 MiB. */
export const MAX_SUITE_BYTES = 32 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file as strict UTF-8, turning every failure into a SuiteError for `file`:
 * unreadable, too large, or not valid UTF-8 (with the line and byte of the first bad sequence).
 */
export async function readSuiteText(path: string, what = 'suite file'): Promise<string> {
  const fail = (message: string, where = path): never => {
    throw new SuiteError(path, [{ path: where, message }]);
  };
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) fail(`cannot read ${what}: it is a directory`);
    if (info.size > MAX_SUITE_BYTES) fail(`${what} is ${(info.size / 2 ** 20).toFixed(1)} MiB; the limit is ${MAX_SUITE_BYTES / 2 ** 20} MiB`);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof SuiteError) throw e;
    return fail(`cannot read ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    return fail(`not valid UTF-8 (byte ${at}); save the file as UTF-8`, `${path}:${line}`);
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}
