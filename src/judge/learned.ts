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

/** Dense features from the rules' analysis (indices 0..DENSE-1). */
function dense(f: Features, c: LearnedContext, put: (i: number, v: number) => void): void {
  put(0, 1);
  put(1 + RULE_LABELS.indexOf(c.ruleLabel), 1);
  const zh = c.lang.startsWith('zh') || c.lang === 'yue';
  put(6, zh ? 1 : 0);
  put(7, c.lang === 'en' ? 1 : 0);
  put(8, l1p(f.size) / 4);
  put(9, l1p(f.substance) / 4);
  put(10, f.templateShare);
  put(11, f.refusals > 0 ? 1 : 0);
  put(12, f.refusalLead ? 1 : 0);
  put(13, f.deflections > 0 ? 1 : 0);
  put(14, f.weakDeflections > 0 ? 1 : 0);
  put(15, l1p(f.hedges));
  put(16, f.evasions > 0 ? 1 : 0);
  put(17, l1p(f.boilerplate));
  put(18, l1p(f.weakBoilerplate));
  put(19, f.boilerplateShare);
  put(20, l1p(f.critical));
  put(21, l1p(f.criticalSentences));
  put(22, l1p(f.headings + f.listItems));
  put(23, l1p(f.lines) / 2);
  put(24, l1p(f.numbers) / 2);
  put(25, c.criticalRequest > 0 ? 1 : 0);
  put(26, c.voiceRequest ? 1 : 0);
  put(27, c.type === 'creative' ? 1 : 0);
  put(28, c.sensitive ? 1 : 0);
  put(29, c.hasTrace ? 1 : 0);
  put(30, f.offers > 0 ? 1 : 0);
  put(31, f.euphemisms.length > 0 ? 1 : 0);
  put(32, f.specialTokens || f.otherScripts >= 3 ? 1 : 0);
  put(33, zh && c.criticalRequest > 0 ? 1 : 0);
  put(34, c.sensitive && c.type !== 'creative' ? 1 : 0);
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

function ngrams(s: string, from: number, to: number, salt: number, add: (h: number) => void): void {
  let a = 32;
  let b = 32;
  for (let i = from; i < to; i++) {
    const c = code(s, i);
    if (c === b && (c === 32 || c === 10)) continue; // runs of spaces or newlines count once
    add(Math.imul(((a * 0x27d4eb2f) ^ (b * 0x165667b1)) ^ (c + salt * 7), 0xc2b2ae35));
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
  dense(f, c, (i, v) => {
    if (v !== 0) {
      idx.push(i);
      val.push(v);
    }
  });
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
  let d = 0;
  dense(f, c, (i, v) => {
    d += (w[i] as number) * v;
  });
  let sum = 0;
  let k = 0;
  const add = (h: number): void => {
    sum += w[bucket(h)] as number;
    k++;
  };
  const headEnd = Math.min(norm.length, HEAD);
  ngrams(norm, 0, headEnd, 1, add);
  ngrams(norm, Math.max(headEnd, norm.length - TAIL), norm.length, 2, add);
  return k > 0 ? d + sum / Math.sqrt(k) : d;
}

/** Margin w·x (before the sigmoid). */
export function margin(w: Float32Array, x: SparseVector): number {
  let s = 0;
  for (let i = 0; i < x.n; i++) s += (w[(x.idx[i] as number) & MASK] as number) * (x.val[i] as number);
  return s;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Rule reasons a confident model may overturn (softness, not evidence of censorship). */
const SOFT_REASONS: ReadonlySet<string> = new Set(['thin', 'creative-thin', 'hedging', 'defensive', 'evasive', 'leaning', 'degenerate']);

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
