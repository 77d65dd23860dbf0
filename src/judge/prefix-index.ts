/**
 * Lookup tables from the first characters at a text position to the patterns that can
 * match there: four symbols for Latin script (looked up at word starts), up to three
 * characters for Chinese (looked up everywhere). Lists are supersets; the caller verifies
 * with the regex.
 * @module
 */
import { ANY, prefixes } from './prefix.js';

/** Latin symbols: a-z, 0-9, space, ' - " and 0 for anything else. */
const SYM = new Uint8Array(65536);
for (let c = 97; c <= 122; c++) SYM[c] = c - 96;
for (let c = 48; c <= 57; c++) SYM[c] = c - 48 + 27;
for (const c of [32, 9, 10, 13]) SYM[c] = 37;
SYM[39] = 38;
SYM[45] = 39;
SYM[34] = 40;
const NSYM = 41;
export const sym = (c: number): number => SYM[c] as number;

const EMPTY: readonly number[] = Object.freeze([]);
/** Second characters are folded to 12 bits, keeping pair keys small integers… */
const PAIR_BITS = 4096;
/** …and third characters into 64 buckets. */
const THIRD = 64;
/** `PrefixIndex.cjkStart` bits. */
export const CJK_PAIR = 1;
export const CJK_FIRST = 2;

interface PairEntry {
  /** Lists by bucket of the third character (each includes the two-character prefixes). */
  third: number[][];
}

/** An open-addressing table from pair keys (non-negative int32) to entries: cheaper than a Map per lookup. */
class PairTable {
  private bits = 10;
  private keys = new Int32Array(1 << 10).fill(-1);
  private values: (PairEntry | undefined)[] = new Array<PairEntry | undefined>(1 << 10);
  private size = 0;

  private slot(key: number): number {
    const mask = (1 << this.bits) - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): PairEntry | undefined {
    const i = this.slot(key);
    return this.keys[i] === key ? this.values[i] : undefined;
  }

  set(key: number, value: PairEntry): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const i = this.slot(key);
    if (this.keys[i] !== key) this.size++;
    this.keys[i] = key;
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits).fill(-1);
    this.values = new Array<PairEntry | undefined>(1 << this.bits);
    this.size = 0;
    keys.forEach((k, i) => {
      if (k !== -1) this.set(k, values[i] as PairEntry);
    });
  }
}

export class PrefixIndex {
  private readonly slotOf = new Int32Array(NSYM * NSYM * NSYM).fill(-1);
  private readonly slots: number[][] = [];
  private readonly cjkAny: readonly number[][] = Array.from({ length: 65536 }, () => EMPTY as number[]);
  /** Per first character, a 32-bit filter over second characters (c1 & 31). */
  private readonly cjkPairFilter = new Uint32Array(65536);
  private readonly cjkPairs = new PairTable();
  /**
   * Per character, what Chinese patterns can start with it: CJK_PAIR (a two-character prefix
   * beginning with it) and CJK_FIRST (it followed by anything). Few characters have either:
   * the scanner reads this small table first and skips the rest of a Chinese text at once.
   */
  readonly cjkStart = new Uint8Array(65536);

  /** Indexes a Latin-script pattern (its matches must start at a word start). */
  addLatin(id: number, source: string): void {
    const all = Array.from({ length: NSYM }, (_, x) => x);
    for (const p of prefixes(source, 4)) {
      const opts = [0, 1, 2, 3].map((j) => {
        const ch = p[j];
        return ch === undefined || ch === ANY ? all : [sym(ch.charCodeAt(0))];
      });
      for (const a of opts[0] as number[]) for (const b of opts[1] as number[]) for (const c of opts[2] as number[]) {
        const key = (a * NSYM + b) * NSYM + c;
        let slot = this.slotOf[key] as number;
        if (slot === -1) {
          slot = this.slots.length / NSYM;
          this.slotOf[key] = slot;
          for (let d = 0; d < NSYM; d++) this.slots.push(EMPTY as number[]);
        }
        for (const d of opts[3] as number[]) this.slots[slot * NSYM + d] = withId(this.slots[slot * NSYM + d], id);
      }
    }
  }

  /** Indexes a Chinese pattern (it must start with a definite character). */
  addCjk(id: number, source: string): void {
    const any = this.cjkAny as number[][];
    for (const p of prefixes(source, 3)) {
      if (p.length === 0 || p[0] === ANY) throw new Error(`a Chinese pattern must start with a definite character: /${source}/`);
      const c0 = p.charCodeAt(0);
      if (p.length < 2 || p[1] === ANY) {
        any[c0] = withId(any[c0], id);
        this.cjkStart[c0] = (this.cjkStart[c0] as number) | CJK_FIRST;
        continue;
      }
      this.cjkStart[c0] = (this.cjkStart[c0] as number) | CJK_PAIR;
      const c1 = p.charCodeAt(1);
      const key = c0 * PAIR_BITS + (c1 % PAIR_BITS);
      this.cjkPairFilter[c0] = (this.cjkPairFilter[c0] as number) | (1 << (c1 & 31));
      let entry = this.cjkPairs.get(key);
      if (!entry) {
        entry = { third: Array.from({ length: THIRD }, () => EMPTY as number[]) };
        this.cjkPairs.set(key, entry);
      }
      const buckets = p.length < 3 || p[2] === ANY ? entry.third.keys() : [p.charCodeAt(2) % THIRD];
      for (const b of buckets) entry.third[b] = withId(entry.third[b], id);
    }
  }

  /** Patterns that may match at a Latin word start whose first four characters are given. */
  latin(c0: number, c1: number, c2: number, c3: number): readonly number[] {
    const slot = this.slotOf[(sym(c0) * NSYM + sym(c1)) * NSYM + sym(c2)] as number;
    return slot === -1 ? EMPTY : (this.slots[slot * NSYM + sym(c3)] as number[]);
  }

  /** Patterns whose prefix is one definite character followed by anything. */
  cjkFirst(c0: number): readonly number[] {
    return this.cjkAny[c0] as number[];
  }

  /** Patterns that may match where the text reads `c0 c1 c2`. */
  cjk(c0: number, c1: number, c2: number): readonly number[] {
    if (((this.cjkPairFilter[c0] as number) & (1 << (c1 & 31))) === 0) return EMPTY;
    const entry = this.cjkPairs.get(c0 * PAIR_BITS + (c1 % PAIR_BITS));
    return entry ? (entry.third[c2 % THIRD] as number[]) : EMPTY;
  }
}

/** The offsets past the index's four symbols that `latinTail` covers: 4 to 7. */
const TAIL_FROM = 4;
const TAIL_TO = 8;
const ALL = 0xffffffff;

/**
 * A second filter for a Latin pattern: per offset 4–7 of a match, the symbols that may stand
 * there (two 32-bit words each, bit `sym`), from the pattern's prefixes of up to eight
 * characters; null when it rules nothing out (or the prefix set is too large to list). Most
 * candidates the index finds fail on these characters ("democracy" for "democracy movement"),
 * and reading four table entries is much cheaper than running the regex.
 */
export function latinTail(source: string): Uint32Array | null {
  let ps: Set<string>;
  try {
    ps = prefixes(source, TAIL_TO);
  } catch {
    return null;
  }
  const mask = new Uint32Array(2 * (TAIL_TO - TAIL_FROM));
  let useful = false;
  for (let q = TAIL_FROM; q < TAIL_TO; q++) {
    const at = 2 * (q - TAIL_FROM);
    let any = false;
    for (const p of ps) {
      // A prefix that ends before q (the match may end there) or has any character at q.
      if (p.length <= q || p[q] === ANY) any = true;
      else {
        const b = sym(p.charCodeAt(q));
        mask[at + (b >> 5)] = (mask[at + (b >> 5)] as number) | (1 << (b & 31));
      }
    }
    if (any) mask[at] = mask[at + 1] = ALL;
    else useful = true;
  }
  return useful ? mask : null;
}

/** Whether the text's units at p+4 … p+7 pass a `latinTail` mask (past the text's end, anything does). */
export function tailAllows(mask: Uint32Array, u: Uint16Array, n: number, p: number): boolean {
  for (let q = TAIL_FROM; q < TAIL_TO; q++) {
    const i = p + q;
    if (i >= n) return true;
    const b = SYM[u[i] as number] as number;
    if ((((mask[2 * (q - TAIL_FROM) + (b >> 5)] as number) >>> (b & 31)) & 1) === 0) return false;
  }
  return true;
}

/** A copy of `list` with `id` added, kept sorted (ids are in lexicon order). */
function withId(list: readonly number[] | undefined, id: number): number[] {
  if (list && list.includes(id)) return list as number[];
  return [...(list ?? []), id].sort((a, b) => a - b);
}
