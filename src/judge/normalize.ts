/**
 * Length-preserving text normalisation for matching: quote/dash/space/full-width folding,
 * lower case, and Traditional → Simplified Chinese. Every output has the same UTF-16 length as its input,
 * so an offset into the normalised text is also an offset into the original.
 * @module
 */
import { Converter } from 'opencc-js/t2cn';
import { Buffer } from 'node:buffer';
import { CJK_RE, codeUnits } from './codes.js';
import { looksTraditional } from './traditional-hint.js';

type Convert = (text: string) => string;

/** Characters folded onto ASCII: curly quotes, CJK corner quotes, dashes, odd spaces, full-width letters and digits. */
const FOLDABLE = '[\\u2018-\\u201f\\u2032\\u2033\\u2010-\\u2015\\u2212\\u00a0\\u2007\\u202f\\u3000\\u300c-\\u300f\\uff02\\uff07\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a]';
const FOLDABLE_RE = new RegExp(FOLDABLE);
const FOLDABLE_G = new RegExp(FOLDABLE, 'g');
const FOLD_MAP: Readonly<Record<string, string>> = (() => {
  const map: Record<string, string> = {};
  for (const c of '\u2018\u2019\u201a\u201b\u2032\uff07') map[c] = "'";
  for (const c of '\u201c\u201d\u201e\u201f\u2033\u300c\u300d\u300e\u300f\uff02') map[c] = '"';
  for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') map[c] = '-';
  for (const c of '\u00a0\u2007\u202f\u3000') map[c] = ' ';
  return map;
})();
// Anything else FOLDABLE is a full-width letter or digit.
const foldChar = (ch: string): string => FOLD_MAP[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

/**
 * One table for folding and lower-casing, one UTF-16 unit for one: FOLD_LOWER[c] is what c
 * becomes. 0 marks the units the table cannot do alone (surrogates, whose pairs may lower-case
 * together; Σ, whose lower case depends on its position; NUL): texts with them take the
 * slower path through String.prototype.toLowerCase.
 */
const FOLD_LOWER = (() => {
  const t = new Uint16Array(65536);
  for (let c = 1; c < 65536; c++) {
    const l = String.fromCharCode(c).toLowerCase();
    // A few characters (U+0130 İ) lower-case to two units: they stay as they are.
    t[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
  for (const [ch, to] of Object.entries(FOLD_MAP)) t[ch.charCodeAt(0)] = to.charCodeAt(0);
  for (let c = 0xff10; c <= 0xff19; c++) t[c] = c - 0xfee0;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32;
  for (let c = 0xff41; c <= 0xff5a; c++) t[c] = c - 0xfee0;
  for (let c = 0xd800; c <= 0xdfff; c++) t[c] = 0;
  t[0x3a3] = 0;
  return t;
})();

/** Output buffer for `fold`, grown on demand (fold is synchronous). */
let foldBuffer = new Uint16Array(4096);

/**
 * Folds typographic variants onto ASCII (one UTF-16 unit for one) and lower-cases. Lexicons
 * are written in lower case, so no regex needs the slow `i` flag.
 */
export function fold(text: string): string {
  const n = text.length;
  if (foldBuffer.length < n) foldBuffer = new Uint16Array(Math.max(n, 2 * foldBuffer.length));
  const buf = foldBuffer;
  const u = codeUnits(text);
  let special = false;
  for (let i = 0; i < n; i++) {
    const v = FOLD_LOWER[u[i] as number] as number;
    if (v === 0) special = true;
    buf[i] = v;
  }
  if (!special) return Buffer.from(buf.buffer, buf.byteOffset, 2 * n).toString('utf16le');
  return lowerCase(FOLDABLE_RE.test(text) ? text.replace(FOLDABLE_G, foldChar) : text);
}

/** Lower-cases, keeping the UTF-16 length. */
function lowerCase(folded: string): string {
  const lower = folded.toLowerCase();
  if (lower.length === folded.length) return lower;
  // A few characters (U+0130 İ) lower-case to two units: lower-case one unit at a time.
  let out = '';
  for (const ch of folded) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Languages whose text is always converted, whatever the hint says. */
export function isTraditionalLang(lang: string): boolean {
  return /^zh-(?:hant|tw|hk|mo)\b/i.test(lang) || /^yue\b/i.test(lang);
}

function isHongKong(lang: string): boolean {
  return /^(?:zh-(?:hant-)?(?:hk|mo)|yue)\b/i.test(lang);
}

const SURROGATE_RE = /[\ud800-\udfff]/;
/**
 * Either a foldable character or an ideograph. Most English answers have neither: they need
 * only String.prototype.toLowerCase, which is fastest on them.
 */
const FOLDABLE_OR_CJK_RE = new RegExp(`${FOLDABLE.slice(0, -1)}\\u3400-\\u9fff]`);

/**
 * Creates the normaliser. Converters are built on first use and then reused; they are pure
 * functions of their input, so caching them does not change any result.
 */
export function createNormalizer(): (text: string, lang: string) => string {
  let tw: Convert | undefined;
  let hk: Convert | undefined;
  const converter = (lang: string): Convert => {
    if (isHongKong(lang)) return (hk ??= Converter({ from: 'hk', to: 'cn' }));
    return (tw ??= Converter({ from: 'tw', to: 'cn' }));
  };
  return (text, lang) => {
    if (!FOLDABLE_OR_CJK_RE.test(text) && !isTraditionalLang(lang)) return lowerCase(text);
    const folded = fold(text);
    if (!isTraditionalLang(lang) && !(CJK_RE.test(folded) && looksTraditional(folded))) return folded;
    return toSimplified(folded, converter(lang));
  };
}

/**
 * Converts with OpenCC, keeping offsets: OpenCC's tw/hk → cn dictionaries map phrases to
 * phrases of equal length, except a few rare characters whose Simplified form lies outside
 * the BMP. When that happens, convert one unit at a time and keep any unit that would change
 * length.
 */
export function toSimplified(text: string, convert: Convert): string {
  const out = convert(text);
  if (out.length === text.length && !SURROGATE_RE.test(out) && !SURROGATE_RE.test(text)) return out;
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      result += ch;
      continue;
    }
    const c = convert(ch);
    result += c.length === 1 && !SURROGATE_RE.test(c) ? c : ch;
  }
  return result;
}
