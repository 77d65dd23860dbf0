/**
 * Language-neutral shape of an answer in one pass over its characters: size in word
 * equivalents, sentences, lines, lists and headings.
 * @module
 */
import { codeUnits } from './codes.js';

export interface Shape {
  /** Latin-script words. */
  words: number;
  /** CJK ideographs. */
  cjk: number;
  /** Word equivalents: words + ideographs / 1.6 (a Chinese text is ~1.6 characters per English word). */
  size: number;
  /** Offsets where sentences end (exclusive), ascending; the last one is the text length. */
  sentenceEnds: number[];
  /** Word equivalents of each segment, aligned with `sentenceEnds`. */
  sentenceSizes: number[];
  /** Sentences with some content. */
  sentences: number;
  lines: number;
  listItems: number;
  headings: number;
  /** Runs of digits (years, counts, figures). */
  numbers: number;
  /** Longest line in word equivalents, for telling verse and lists from prose. */
  longestLine: number;
  /** Where each run of letters or digits starts: the only places a Latin phrase can begin. */
  wordStarts: Int32Array;
  /**
   * How many other writing systems (Cyrillic, Greek, Arabic, Hebrew, Indic, Thai, Hangul, kana…)
   * the text uses; degenerate output often sprays several.
   */
  otherScripts: number;
  /** Chat-template tokens ("<|…|>") leaked into the text. */
  specialTokens: boolean;
}

const CJK_PER_WORD = 1.6;

/**
 * Word starts go to a scratch buffer, grown on demand and reused across calls (measure is
 * synchronous), and each result gets a copy: filling a typed array is much cheaper than
 * growing a JS array of hundreds of entries. Sentences are few: plain arrays.
 */
let scratchWords = new Int32Array(4096);

/** Character classes, looked up once per character. */
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const CJK = 3;
const STOP = 4;
const NEWLINE = 5;
const SPACE = 6;
const CLASS = new Uint8Array(65536);
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER;
for (let c = 0xc0; c <= 0x24f; c++) CLASS[c] = c === 0xd7 || c === 0xf7 ? OTHER : LETTER;
for (let c = 0x400; c <= 0x4ff; c++) CLASS[c] = LETTER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 0x3400; c <= 0x9fff; c++) CLASS[c] = CJK;
for (let c = 0xf900; c <= 0xfaff; c++) CLASS[c] = CJK;
for (const c of [46, 33, 63, 0x3002, 0xff01, 0xff1f]) CLASS[c] = STOP;
CLASS[10] = NEWLINE;
for (const c of [32, 9, 13]) CLASS[c] = SPACE;

/** A bit per writing system other than Latin and Han (see `Shape.otherScripts`). */
const SCRIPT_BIT = new Uint16Array(65536);
[
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x530, 0x58f],
  [0x590, 0x5ff],
  [0x600, 0x6ff],
  [0x900, 0x97f],
  [0x980, 0x9ff],
  [0xb80, 0xbff],
  [0xe00, 0xe7f],
  [0x10a0, 0x10ff],
  [0x3040, 0x30ff],
  [0xac00, 0xd7af],
].forEach(([lo, hi], bit) => {
  for (let c = lo as number; c <= (hi as number); c++) SCRIPT_BIT[c] = 1 << bit;
});

/** List markers at the start of a line: "- ", "* ", "• ", "1.", "1)", "1、", "一、". */
function isListStart(u: Uint16Array, n: number, i: number, c: number): boolean {
  const next = i + 1 < n ? (u[i + 1] as number) : 0;
  if ((c === 45 || c === 42 || c === 0x2022) && next === 32) return true;
  if (CLASS[c] === DIGIT) return next === 46 || next === 41 || next === 0x3001 || CLASS[next] === DIGIT;
  return (c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94) && next === 0x3001;
}

/** The script bits of the characters `gapEnd` last skipped. */
let gapScripts = 0;

/**
 * Where the spaces and punctuation from `j` on end: characters (SPACE, OTHER) that, in the
 * middle of a line, change nothing but the script bits. Words and runs of ideographs separated
 * only by them are consumed without going back to the main loop.
 */
function gapEnd(u: Uint16Array, n: number, j: number): number {
  let bits = 0;
  let g = j;
  for (; g < n; g++) {
    const c = u[g] as number;
    const k = CLASS[c] as number;
    if (k !== SPACE && k !== OTHER) break;
    bits |= SCRIPT_BIT[c] as number;
  }
  gapScripts = bits;
  return g;
}

export function measure(text: string): Shape {
  const u = codeUnits(text);
  let words = 0;
  let cjk = 0;
  let numbers = 0;
  let lines = 0;
  let listItems = 0;
  let headings = 0;
  let longestLine = 0;
  let sentences = 0;
  const n = text.length;
  // A word start needs at least one character of its own.
  if (scratchWords.length < n) scratchWords = new Int32Array(Math.max(n, 2 * scratchWords.length));
  const wordStarts = scratchWords;
  const sentenceEnds: number[] = [];
  const sentenceSizes: number[] = [];
  let nWords = 0;
  // Words and ideographs in the current sentence and line: running totals minus these bases.
  let segWords = 0;
  let segCjk = 0;
  let lineWords = 0;
  let lineCjk = 0;
  let prev = OTHER;
  let content = 0;
  let lineStart = true;
  let scripts = 0;
  for (let i = 0; i < n; i++) {
    const c = u[i] as number;
    const k = CLASS[c] as number;
    if (k === SPACE) {
      prev = SPACE;
      continue;
    }
    if (lineStart && k !== NEWLINE) {
      lineStart = false;
      lines++;
      if (c === 35 || (c === 42 && i + 1 < n && u[i + 1] === 42)) headings++;
      else if (isListStart(u, n, i, c)) listItems++;
    }
    if (k === LETTER) {
      if (prev !== DIGIT) wordStarts[nWords++] = i;
      scripts |= SCRIPT_BIT[c] as number;
      words++;
      // Consume the whole word (letters and inner apostrophes) in a tight loop, and the words
      // that follow it after spaces and punctuation (see `gapEnd`).
      let j = i + 1;
      for (;;) {
        while (j < n && CLASS[u[j] as number] === LETTER) j++;
        if (j + 1 < n && u[j] === 39 && CLASS[u[j + 1] as number] === LETTER) {
          j += 2;
          continue;
        }
        const g = gapEnd(u, n, j);
        scripts |= gapScripts;
        content += j - i;
        if (g === n || CLASS[u[g] as number] !== LETTER) {
          prev = g === j ? LETTER : (CLASS[u[g - 1] as number] as number);
          i = g - 1;
          break;
        }
        i = g;
        wordStarts[nWords++] = i;
        scripts |= SCRIPT_BIT[u[i] as number] as number;
        words++;
        j = i + 1;
      }
      continue;
    } else if (k === CJK) {
      // Likewise a run of ideographs and the runs after it across punctuation.
      let j = i + 1;
      for (;;) {
        while (j < n && CLASS[u[j] as number] === CJK) j++;
        const g = gapEnd(u, n, j);
        scripts |= gapScripts;
        content += j - i;
        cjk += j - i;
        if (g === n || CLASS[u[g] as number] !== CJK) {
          prev = g === j ? CJK : (CLASS[u[g - 1] as number] as number);
          i = g - 1;
          break;
        }
        i = g;
        j = i + 1;
      }
      continue;
    } else if (k === DIGIT) {
      content++;
      if (prev !== DIGIT) {
        numbers++;
        if (prev !== LETTER) wordStarts[nWords++] = i;
      }
    } else if (k === STOP || k === NEWLINE) {
      // "3.5" and "U.S." are not sentence ends: a period must be followed by space or end.
      const inside = c === 46 && i + 1 < n && (u[i + 1] as number) > 32;
      if (!inside) {
        if (content >= 3) {
          sentences++;
          sentenceEnds.push(i + 1);
          sentenceSizes.push(words - segWords + (cjk - segCjk) / CJK_PER_WORD);
          segWords = words;
          segCjk = cjk;
        }
        content = 0;
      }
      if (k === NEWLINE) {
        const lineSize = words - lineWords + (cjk - lineCjk) / CJK_PER_WORD;
        if (lineSize > longestLine) longestLine = lineSize;
        lineStart = true;
        lineWords = words;
        lineCjk = cjk;
      }
    }
    if (k === OTHER) scripts |= SCRIPT_BIT[c] as number;
    prev = k;
  }
  let otherScripts = 0;
  for (; scripts !== 0; scripts &= scripts - 1) otherScripts++;
  const lastLine = words - lineWords + (cjk - lineCjk) / CJK_PER_WORD;
  if (lastLine > longestLine) longestLine = lastLine;
  if (content >= 3) sentences++;
  if (sentenceEnds.length === 0 || sentenceEnds[sentenceEnds.length - 1] !== n) {
    sentenceEnds.push(n);
    sentenceSizes.push(words - segWords + (cjk - segCjk) / CJK_PER_WORD);
  }
  return {
    words,
    cjk,
    size: words + cjk / CJK_PER_WORD,
    sentenceEnds,
    sentenceSizes,
    sentences,
    lines,
    listItems,
    headings,
    numbers,
    longestLine,
    wordStarts: wordStarts.slice(0, nWords),
    otherScripts,
    specialTokens: text.includes('<|') && text.includes('|>'),
  };
}

/** Index of the sentence containing `offset` (binary search over `ends`). */
export function sentenceOf(ends: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
