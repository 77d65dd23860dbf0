/**
 * The set of strings (up to `k` characters) that a match of a regex source can start with.
 * The scanner uses it to build lookup tables, so that a lexicon's regex is tried only at the
 * few positions where one of its phrases could begin (an Aho–Corasick-like prefilter).
 *
 * Handles the subset the lexicons use: literals, escapes (\b \B \s \S \w \W \d \D and escaped
 * punctuation), classes, `.`, groups (non-capturing, capturing, look-arounds, which match
 * nothing), alternation, and the quantifiers ? * + {m} {m,} {m,n} (greedy or lazy). The result
 * is a superset: any string a match starts with has one of the returned prefixes.
 * @module
 */

/** Stands for "any character" in a prefix. */
export const ANY = '\uffff';
const MAX_SET = 50_000;

type Prefixes = Set<string>;

export function prefixes(source: string, k: number): Prefixes {
  let i = 0;
  const src = source;

  const concat = (a: Prefixes, b: Prefixes): Prefixes => {
    const out: Prefixes = new Set();
    for (const x of a) {
      if (x.length >= k) {
        out.add(x);
        continue;
      }
      for (const y of b) out.add((x + y).slice(0, k));
    }
    if (out.size > MAX_SET) throw new Error(`prefix set too large in /${source}/`);
    return out;
  };

  const repeat = (s: Prefixes, min: number, max: number): Prefixes => {
    let acc: Prefixes = new Set(['']);
    let out: Prefixes = new Set();
    for (let r = 0; r <= Math.min(max, k); r++) {
      if (r >= min) for (const x of acc) out.add(x);
      acc = concat(acc, s);
    }
    if (max > k) for (const x of acc) out.add(x);
    if (min > k) out = acc;
    return out;
  };

  const parseClass = (): Prefixes => {
    // at '['
    i++;
    let negated = false;
    if (src[i] === '^') {
      negated = true;
      i++;
    }
    const chars = new Set<string>();
    let wild = false;
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      let ch = src[i] as string;
      if (ch === '\\') {
        const e = src[i + 1] as string;
        i += 2;
        if ('sSwWdD'.includes(e)) {
          if (e === 'd') for (let d = 0; d <= 9; d++) chars.add(String(d));
          else if (e === 's') [' ', '\n', '\t', '\r'].forEach((c) => chars.add(c));
          else wild = true;
          continue;
        }
        ch = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'u' ? String.fromCharCode(parseInt(src.slice(i, (i += 4)), 16)) : e;
      } else {
        i++;
      }
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        let hi = src[i + 1] as string;
        i += 2;
        if (hi === '\\') {
          const e = src[i] as string;
          i++;
          hi = e === 'u' ? String.fromCharCode(parseInt(src.slice(i, (i += 4)), 16)) : e;
        }
        const lo = ch.charCodeAt(0);
        const top = hi.charCodeAt(0);
        if (top - lo > 256) wild = true;
        else for (let c = lo; c <= top; c++) chars.add(String.fromCharCode(c));
      } else {
        chars.add(ch);
      }
    }
    i++; // ']'
    if (negated || wild) return new Set([ANY]);
    return chars;
  };

  const parseAtom = (): Prefixes => {
    const ch = src[i] as string;
    if (ch === '(') {
      i++;
      let look = false;
      if (src[i] === '?') {
        const kind = src.slice(i, i + 3);
        if (kind.startsWith('?:')) i += 2;
        else if (kind.startsWith('?=') || kind.startsWith('?!')) {
          look = true;
          i += 2;
        } else if (kind === '?<=' || kind === '?<!') {
          look = true;
          i += 3;
        } else if (kind.startsWith('?<')) i = src.indexOf('>', i) + 1;
      }
      const inner = parseAlt();
      i++; // ')'
      return look ? new Set(['']) : inner;
    }
    if (ch === '[') return parseClass();
    if (ch === '.') {
      i++;
      return new Set([ANY]);
    }
    if (ch === '^' || ch === '$') {
      i++;
      return new Set(['']);
    }
    if (ch === '\\') {
      const e = src[i + 1] as string;
      i += 2;
      if (e === 'b' || e === 'B') return new Set(['']);
      if (e === 'd') return new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      if (e === 's') return new Set([' ', '\n', '\t', '\r']);
      if ('SwWD'.includes(e)) return new Set([ANY]);
      if (e === 'n') return new Set(['\n']);
      if (e === 'u') return new Set([String.fromCharCode(parseInt(src.slice(i, (i += 4)), 16))]);
      return new Set([e]);
    }
    i++;
    return new Set([ch]);
  };

  const parseQuantifier = (): [number, number] | null => {
    const ch = src[i];
    let q: [number, number] | null = null;
    if (ch === '?') q = [0, 1];
    else if (ch === '*') q = [0, Infinity];
    else if (ch === '+') q = [1, Infinity];
    else if (ch === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      i += m[0].length - 1;
      q = [min, max];
    }
    if (!q) return null;
    i++;
    if (src[i] === '?') i++; // lazy
    return q;
  };

  const parseSeq = (): Prefixes => {
    let cur: Prefixes = new Set(['']);
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom();
      const q = parseQuantifier();
      if (q) atom = repeat(atom, q[0], q[1]);
      cur = concat(cur, atom);
    }
    return cur;
  };

  function parseAlt(): Prefixes {
    const out: Prefixes = new Set();
    for (;;) {
      for (const x of parseSeq()) out.add(x);
      if (src[i] !== '|') return out;
      i++;
    }
  }

  const result = parseAlt();
  if (i < src.length) throw new Error(`unbalanced ) in /${source}/ at ${i}`);
  return result;
}
