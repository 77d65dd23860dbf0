/**
 * Compiles the lexicons once (in `createRulesJudge`) and scans a normalised text into typed
 * hits: a prefix index of the strings each lexicon entry's matches can start with picks the few
 * positions worth trying (Latin word starts, Chinese characters), and only there is that
 * entry's sticky regex run.
 * @module
 */
import {
  ATTRIBUTION,
  CATEGORIES,
  CLAIMS,
  CRITICAL_REQUEST,
  EUPHEMISMS,
  FORM_REQUEST,
  SATIRE_REQUEST,
  VOICE_REQUEST,
  LEXICON,
  NEAR_GAP,
  type Category,
  type Script,
} from './lexicon/index.js';
import { CJK_RE, codeUnits } from './codes.js';
import { CJK_FIRST, CJK_PAIR, PrefixIndex, latinTail, tailAllows } from './prefix-index.js';

export { CATEGORIES, type Category } from './lexicon/index.js';

export interface Hit {
  start: number;
  end: number;
  cat: Category | 'euphemism';
  /** Euphemism id, for `cat === 'euphemism'`; 'claim' for a boilerplate sovereignty claim. */
  id?: string;
}

/** What the caller already knows about a text (from `measure`), saving passes over it. */
export interface Scripts {
  latin: boolean;
  cjk: boolean;
  /** Starts of letter/digit runs. */
  wordStarts?: Int32Array;
}

export interface Scanner {
  /**
   * Scans `text` (normalised) for every category and euphemism; `only` restricts the
   * categories. Refusal, offer, deflection and hedge phrases are looked for only in the
   * opening and closing stretch of a long text (where they decide anything).
   */
  scan(text: string, lang: string, only?: ReadonlySet<Category>, scripts?: Scripts): Hit[];
  /** Whether `text.slice(from, to)` holds an attribution cue for a phrase starting at `to`. */
  attributed(text: string, from: number, to: number, lang: string): boolean;
  /** How strongly a (normalised) prompt asks for criticism: request verbs plus critical terms. */
  criticalRequest(prompt: string, lang: string): number;
  /** Whether a (normalised) prompt asks for a piece in someone's voice (press release, praise…). */
  voiceRequest(prompt: string): boolean;
  /** Whether a (normalised) prompt asks for satire, parody or mock praise. */
  satireRequest(prompt: string): boolean;
  /** Whether a (normalised) prompt asks for a finished piece of writing (essay, paper, lyrics…). */
  formRequest(prompt: string): boolean;
}

const CRITICAL_ONLY: ReadonlySet<Category> = new Set<Category>(['critical']);

/** Joins regex sources into one alternation; every source must use non-capturing groups. */
export function combine(sources: readonly string[]): string {
  return sources.map((s) => `(?:${s})`).join('|');
}

const EDGE: ReadonlySet<string> = new Set(['refusal', 'offer', 'deflection', 'deflection-weak', 'hedge', 'scaffold']);
const HEAD = 700;
const TAIL = 500;
/** How far back a "near" cue (so-called, 所谓) may start. */
const NEAR_REACH = 32;

interface Pattern {
  cat: Category | 'euphemism';
  /** Index of `cat` in HIT_CATEGORIES, for the per-category bookkeeping. */
  catIndex: number;
  script: Script;
  sticky: RegExp;
  /** Latin patterns: the symbols allowed at offsets 4–7 (`latinTail`), checked before the regex. */
  tail: Uint32Array | null;
  edge: boolean;
  /** Euphemisms: id, and the `unless` / `when` conditions. */
  id?: string;
  unless?: RegExp | null;
  when?: RegExp | null;
}

const HIT_CATEGORIES: readonly (Category | 'euphemism')[] = [...CATEGORIES, 'euphemism'];

/** Regex word characters (\w), which \b separates from everything else. */
const WORD = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if (/\w/.test(String.fromCharCode(c))) WORD[c] = 1;

/**
 * Starts of runs of regex word characters, for callers that did not measure the text. An
 * Int32Array like `Shape.wordStarts`, so the scan loop reads one kind of array (a loop that
 * sees both typed and plain arrays is markedly slower).
 */
function wordStarts(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let k = 0;
  let prev = 0;
  for (let p = 0; p < text.length; p++) {
    const w = WORD[text.charCodeAt(p)] as number;
    if (w > prev) out[k++] = p;
    prev = w;
  }
  return out.subarray(0, k);
}

const LATIN_RE = /[a-z]/;
const FI_LANG_RE = /^fi\b/i;

export function createScanner(): Scanner {
  const patterns: Pattern[] = [];
  const index = new PrefixIndex();
  const add = (script: Script, cat: Pattern['cat'], source: string, extra?: Pick<Pattern, 'id' | 'unless' | 'when'>): void => {
    const id = patterns.length;
    const catIndex = HIT_CATEGORIES.indexOf(cat);
    const tail = script === 'zh' ? null : latinTail(source);
    patterns.push({ cat, catIndex, script, sticky: new RegExp(source, 'y'), tail, edge: EDGE.has(cat), ...extra });
    if (script === 'zh') index.addCjk(id, source);
    else index.addLatin(id, source);
  };
  for (const script of ['en', 'zh', 'fi'] as const) {
    for (const cat of CATEGORIES) {
      for (const source of LEXICON[script][cat] ?? []) {
        add(script, cat, source, cat === 'boilerplate' && CLAIMS.has(source) ? { id: 'claim' } : undefined);
      }
    }
    if (script === 'fi') continue;
    for (const e of EUPHEMISMS) {
      if (/^\\b/.test(e.pattern) !== (script === 'en')) continue;
      add(script, 'euphemism', e.pattern, {
        id: e.id,
        unless: e.unless ? new RegExp(e.unless) : null,
        when: e.when ? new RegExp(e.when) : null,
      });
    }
  }
  const attribution = Object.fromEntries(
    (['en', 'zh', 'fi'] as const).map((s) => [
      s,
      { cues: new RegExp(combine(ATTRIBUTION[s].cues)), near: new RegExp(`(?:${combine(ATTRIBUTION[s].near)})${NEAR_GAP}`) },
    ]),
  ) as Record<Script, { cues: RegExp; near: RegExp }>;

  // Per category: where its last match ended, and the position it last matched at. Reused
  // across calls (scan is synchronous and never re-entered), reset per pass.
  const lastEnd = new Int32Array(HIT_CATEGORIES.length);
  const lastAt = new Int32Array(HIT_CATEGORIES.length);
  // The current call's state, read by `tryList` (kept out of a per-call closure).
  let cur = '';
  let curUnits: Uint16Array = new Uint16Array(0);
  let curHits: Hit[] = [];
  let curOnly: ReadonlySet<Category> | undefined;
  let curFi = false;
  let curLong = false;
  let curTailAt = 0;

  function tryList(list: readonly number[], p: number): void {
    const text = cur;
    const inMiddle = curLong && p >= HEAD && p < curTailAt;
    for (let i = 0; i < list.length; i++) {
      const pat = patterns[list[i] as number] as Pattern;
      const k = pat.catIndex;
      if (p < (lastEnd[k] as number) || lastAt[k] === p) continue;
      if ((inMiddle && pat.edge) || (pat.script === 'fi' && !curFi)) continue;
      if (curOnly && (pat.cat === 'euphemism' || !curOnly.has(pat.cat))) continue;
      if (pat.tail !== null && !tailAllows(pat.tail, curUnits, text.length, p)) continue;
      pat.sticky.lastIndex = p;
      // test() leaves lastIndex at the match end and allocates nothing.
      if (!pat.sticky.test(text) || pat.sticky.lastIndex === p) continue;
      const end = pat.sticky.lastIndex;
      lastEnd[k] = end;
      lastAt[k] = p;
      if (pat.cat !== 'euphemism') {
        curHits.push(pat.id === undefined ? { start: p, end, cat: pat.cat } : { start: p, end, cat: pat.cat, id: pat.id });
      }
      else if (!(pat.unless && pat.unless.test(text)) && !(pat.when && !pat.when.test(text))) {
        curHits.push({ start: p, end, cat: 'euphemism', id: pat.id as string });
      }
    }
  }

  function scan(text: string, lang: string, only?: ReadonlySet<Category>, scripts?: Scripts): Hit[] {
    const hits: Hit[] = [];
    const latin = scripts ? scripts.latin : LATIN_RE.test(text);
    const cjk = scripts ? scripts.cjk : CJK_RE.test(text);
    if (!latin && !cjk) return hits;
    const n = text.length;
    cur = text;
    curHits = hits;
    curOnly = only;
    curFi = latin && FI_LANG_RE.test(lang);
    curLong = n > HEAD + TAIL + 200;
    curTailAt = n - TAIL;
    const u = codeUnits(text);
    curUnits = u;

    // Latin phrases start at word starts.
    if (latin) {
      lastEnd.fill(0);
      lastAt.fill(-1);
      const starts = scripts?.wordStarts ?? wordStarts(text);
      for (let w = 0; w < starts.length; w++) {
        const p = starts[w] as number;
        const list = index.latin(
          u[p] as number,
          p + 1 < n ? (u[p + 1] as number) : 0,
          p + 2 < n ? (u[p + 2] as number) : 0,
          p + 3 < n ? (u[p + 3] as number) : 0,
        );
        if (list.length > 0) tryList(list, p);
      }
    }
    // Chinese phrases may start anywhere (a pass of their own, with its own bookkeeping).
    if (cjk) {
      lastEnd.fill(0);
      lastAt.fill(-1);
      const start = index.cjkStart;
      for (let p = 0; p < n; p++) {
        const c = u[p] as number;
        const kinds = c < 0x22 ? 0 : (start[c] as number);
        if (kinds === 0) continue;
        if ((kinds & CJK_FIRST) !== 0) tryList(index.cjkFirst(c), p);
        if ((kinds & CJK_PAIR) === 0) continue;
        const more = index.cjk(c, p + 1 < n ? (u[p + 1] as number) : 0, p + 2 < n ? (u[p + 2] as number) : 0);
        if (more.length > 0) tryList(more, p);
      }
    }
    cur = '';
    curHits = [];
    curOnly = undefined;
    return hits;
  }

  function attributed(text: string, from: number, to: number, lang: string): boolean {
    if (to <= from) return false;
    const window = text.slice(from, to);
    const close = window.length > NEAR_REACH ? window.slice(-NEAR_REACH) : window;
    for (const s of ['en', 'zh', 'fi'] as const) {
      if (s === 'fi' && !FI_LANG_RE.test(lang)) continue;
      const a = attribution[s];
      if (a.near.test(close) || a.cues.test(window)) return true;
    }
    return false;
  }

  const requestRe = new RegExp(combine(CRITICAL_REQUEST), 'g');
  const voiceRe = new RegExp(combine(VOICE_REQUEST));
  const satireRe = new RegExp(combine(SATIRE_REQUEST));
  const formRe = new RegExp(combine(FORM_REQUEST));
  function criticalRequest(prompt: string, lang: string): number {
    requestRe.lastIndex = 0;
    let n = 0;
    while (requestRe.exec(prompt) !== null) n++;
    return n + scan(prompt, lang, CRITICAL_ONLY).length;
  }

  return {
    scan,
    attributed,
    criticalRequest,
    voiceRequest: (prompt) => voiceRe.test(prompt),
    satireRequest: (prompt) => satireRe.test(prompt),
    formRequest: (prompt) => formRe.test(prompt),
  };
}
