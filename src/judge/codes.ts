/**
 * A text's UTF-16 code units in a typed array. The scanning loops (shape, scan) read each
 * unit several times; a Uint16Array read is about twice as fast as `charCodeAt`, and Buffer
 * writes the units natively.
 * @module
 */
import { Buffer } from 'node:buffer';

/** Any ideograph (CJK unified ideographs and extension A): the test for Chinese text. */
export const CJK_RE = /[\u3400-\u9fff]/;

/** Buffer's `utf16le` matches a Uint16Array's layout only on little-endian hosts. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let units = new Uint16Array(4096);
let bytes = Buffer.from(units.buffer);

/**
 * The code units of `text` in a scratch array shared by every caller: valid only until the
 * next call, and only the first `text.length` entries (the rest is stale). Callers read it
 * synchronously and never hold on to it.
 */
export function codeUnits(text: string): Uint16Array {
  const n = text.length;
  if (units.length < n) {
    units = new Uint16Array(Math.max(n, 2 * units.length));
    bytes = Buffer.from(units.buffer);
  }
  if (LITTLE_ENDIAN) bytes.write(text, 0, 2 * n, 'utf16le');
  else for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  return units;
}
