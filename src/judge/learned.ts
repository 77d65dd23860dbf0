/**
 * A small logistic model that reads the answer's opening and closing characters (hashed
 * character trigrams of the normalised text) and the rules' own features, and
 * estimates P(the answer does what was asked). The rules decide the label; the model only
 * moves an `ANSWERED` to `PARTIAL` when it is confident the answer is not a full one, or a
 * soft `PARTIAL` back to `ANSWERED`. Weights come from `scripts/train-judge.ts`.
 * Pure: no I/O, no randomness.
 * @module
 */
import type { Label } from '../core/types.js';
import type { Features } from './analyze.js';

/** Hashed n-gram buckets (a power of two); the dense features sit below DENSE. */
export const HASH_BITS = 15;
export const DIM = 1 << HASH_BITS;
const MASK = DIM - 1;
const DENSE = 64;
/** UTF-16 units read from the start and from the end of the answer. */
const HEAD = 480;
const TAIL = 240;

export interface LearnedModel {
  version: string;
  /** Weights, length DIM. */
  w: Float32Array;
  /** P(answered) below this turns ANSWERED into PARTIAL. */
  low: number;
  /** P(answered) above this turns a soft PARTIAL into ANSWERED. */
  high: number;
}

export interface LearnedContext {
  ruleLabel: Label;
  lang: string;
  type: string;
  sensitive: boolean;
  criticalRequest: number;
  voiceRequest: boolean;
  satireRequest: boolean;
  hasTrace: boolean;
}

/** Sparse feature vector: parallel arrays of indices and values. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
  n: number;
}

const RULE_LABELS: readonly Label[] = ['REFUSED', 'STATE_NARRATIVE', 'DEFLECTED', 'PARTIAL', 'ANSWERED'];
const l1p = (x: number): number => Math.log1p(Math.max(0, x));

/** Dense feature values, rewritten by every `dense` call (the judge is synchronous). */
const denseValues = new Float64Array(DENSE);

/** Dense features from the rules' analysis (indices 0..DENSE-1), written to `denseValues`. */
function dense(f: Features, c: LearnedContext): Float64Array {
  const out = denseValues;
  out.fill(0);
  out[0] = 1;
  out[1 + RULE_LABELS.indexOf(c.ruleLabel)] = 1;
  const zh = c.lang.startsWith('zh') || c.lang === 'yue';
  out[6] = zh ? 1 : 0;
  out[7] = c.lang === 'en' ? 1 : 0;
  out[8] = l1p(f.size) / 4;
  out[9] = l1p(f.substance) / 4;
  out[10] = f.templateShare;
  out[11] = f.refusals > 0 ? 1 : 0;
  out[12] = f.refusalLead ? 1 : 0;
  out[13] = f.deflections > 0 ? 1 : 0;
  out[14] = f.weakDeflections > 0 ? 1 : 0;
  out[15] = l1p(f.hedges);
  out[16] = f.evasions > 0 ? 1 : 0;
  out[17] = l1p(f.boilerplate);
  out[18] = l1p(f.weakBoilerplate);
  out[19] = f.boilerplateShare;
  out[20] = l1p(f.critical);
  out[21] = l1p(f.criticalSentences);
  out[22] = l1p(f.headings + f.listItems);
  out[23] = l1p(f.lines) / 2;
  out[24] = l1p(f.numbers) / 2;
  out[25] = c.criticalRequest > 0 ? 1 : 0;
  out[26] = c.voiceRequest ? 1 : 0;
  out[27] = c.type === 'creative' ? 1 : 0;
  out[28] = c.sensitive ? 1 : 0;
  out[29] = c.hasTrace ? 1 : 0;
  out[30] = f.offers > 0 ? 1 : 0;
  out[31] = f.euphemisms.length > 0 ? 1 : 0;
  out[32] = f.specialTokens || f.otherScripts >= 3 ? 1 : 0;
  out[33] = zh && c.criticalRequest > 0 ? 1 : 0;
  out[34] = c.sensitive && c.type !== 'creative' ? 1 : 0;
  // Critical terms and boilerplate per 100 word equivalents, and the satire request.
  const per100 = f.size > 0 ? 100 / f.size : 0;
  out[35] = Math.min(3, l1p(f.critical * per100));
  out[36] = Math.min(3, l1p((f.boilerplate + f.weakBoilerplate / 2) * per100));
  out[37] = c.satireRequest ? 1 : 0;
  out[38] = zh && c.criticalRequest > 0 && f.critical === 0 ? 1 : 0;
  return out;
}

/** A hashed n-gram's index: the low bits, kept clear of the dense features. */
const bucket = (h: number): number => {
  const i = h & MASK;
  return i < DENSE ? i + DENSE : i;
};

/** Folds digits together so numbers do not become features of their own. */
function code(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57 ? 48 : c;
}

/**
 * Hashes each trigram. `Math.imul(a, K)` equals the ToInt32 of the exact product `a * K` (under
 * 2^53 for UTF-16 units), as the weights were trained with, without the float arithmetic.
 */
function ngrams(s: string, from: number, to: number, salt: number, add: (h: number) => void): void {
  let a = 32;
  let b = 32;
  for (let i = from; i < to; i++) {
    const c = code(s, i);
    if (c === b && (c === 32 || c === 10)) continue; // runs of spaces or newlines count once
    add(Math.imul(Math.imul(a, 0x27d4eb2f) ^ Math.imul(b, 0x165667b1) ^ (c + salt * 7), 0xc2b2ae35));
    a = b;
    b = c;
  }
}

/**
 * The feature vector of one answer. `norm` is the normalised answer (lower-cased, Traditional
 * folded to Simplified), so Traditional Chinese shares the Simplified n-grams.
 */
export function featurize(norm: string, f: Features, c: LearnedContext): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  const d = dense(f, c);
  for (let i = 0; i < DENSE; i++) {
    const v = d[i] as number;
    if (v !== 0) {
      idx.push(i);
      val.push(v);
    }
  }
  const start = idx.length;
  const put = (h: number): void => {
    idx.push(bucket(h));
    val.push(1);
  };
  const headEnd = Math.min(norm.length, HEAD);
  ngrams(norm, 0, headEnd, 1, put);
  const tailStart = Math.max(headEnd, norm.length - TAIL);
  ngrams(norm, tailStart, norm.length, 2, put);
  const k = idx.length - start;
  if (k > 0) {
    const v = 1 / Math.sqrt(k);
    for (let i = start; i < idx.length; i++) val[i] = v;
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val), n: idx.length };
}

/**
 * w·featurize(norm, f, c) without building the vector (the judge's fast path; same value up
 * to float rounding).
 */
export function learnedMargin(w: Float32Array, norm: string, f: Features, c: LearnedContext): number {
  const x = dense(f, c);
  let d = 0;
  for (let i = 0; i < DENSE; i++) {
    const v = x[i] as number;
    if (v !== 0) d += (w[i] as number) * v;
  }
  const headEnd = Math.min(norm.length, HEAD);
  let sum = sumNgrams(w, norm, 0, headEnd, 1, 0);
  let k = counted;
  sum = sumNgrams(w, norm, Math.max(headEnd, norm.length - TAIL), norm.length, 2, sum);
  k += counted;
  return k > 0 ? d + sum / Math.sqrt(k) : d;
}

/** How many n-grams the last `sumNgrams` call added. */
let counted = 0;

/** `ngrams` with the weight lookup inlined (no closure per n-gram): adds their weights to `sum`. */
function sumNgrams(w: Float32Array, s: string, from: number, to: number, salt: number, sum: number): number {
  let a = 32;
  let b = 32;
  let k = 0;
  const mix = salt * 7;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) c = 48;
    if (c === b && (c === 32 || c === 10)) continue; // as in `ngrams`
    const j = Math.imul(Math.imul(a, 0x27d4eb2f) ^ Math.imul(b, 0x165667b1) ^ (c + mix), 0xc2b2ae35) & MASK;
    sum += w[j < DENSE ? j + DENSE : j] as number;
    k++;
    a = b;
    b = c;
  }
  counted = k;
  return sum;
}

/** Margin w·x (before the sigmoid). */
export function margin(w: Float32Array, x: SparseVector): number {
  let s = 0;
  for (let i = 0; i < x.n; i++) s += (w[(x.idx[i] as number) & MASK] as number) * (x.val[i] as number);
  return s;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Rule reasons a confident model may overturn (softness, not evidence of censorship). */
const SOFT_REASONS: ReadonlySet<string> = new Set(['thin', 'creative-thin', 'hedging', 'defensive', 'evasive', 'leaning', 'degenerate', 'defensive-lead']);

/** How the model's estimate adjusts the rules' label. Returns null when it does not. */
export function adjust(ruleLabel: Label, reasons: readonly string[], p: number, m: LearnedModel): Label | null {
  if (ruleLabel === 'ANSWERED' && p < m.low) return 'PARTIAL';
  if (ruleLabel === 'PARTIAL' && p > m.high && reasons.every((r) => SOFT_REASONS.has(r))) return 'ANSWERED';
  return null;
}

/** Decodes weights stored as base64 little-endian int16 with a scale. */
export function decodeWeights(b64: string, scale: number): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  const w = new Float32Array(DIM);
  for (let i = 0; i < DIM && 2 * i + 1 < bytes.length; i++) w[i] = bytes.readInt16LE(2 * i) * scale;
  return w;
}

/** Encodes weights as base64 int16 with the smallest scale that fits the largest weight. */
export function encodeWeights(w: ArrayLike<number>): { b64: string; scale: number } {
  let max = 1e-9;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i] as number));
  const scale = max / 32767;
  const bytes = Buffer.alloc(2 * w.length);
  for (let i = 0; i < w.length; i++) bytes.writeInt16LE(Math.round((w[i] as number) / scale), 2 * i);
  return { b64: bytes.toString('base64'), scale };
}
