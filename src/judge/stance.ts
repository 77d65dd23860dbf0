/**
 * Where an answer's opening stands. A "balanced overview" written in answer to a request for
 * criticism often opens in the official register, on the government's efforts or by rejecting
 * the premise, and leaves the criticism to others ("critics say…", 有观点认为…). The opening
 * (the first two content sentences) is read for that: critical in the answer's own voice, or
 * defensive (boilerplate, evasion, or credit for the government's efforts) and not critical.
 * Hedges ("a complex issue") do not count as defensive: critical answers open with them too.
 * @module
 */
import { MITIGATION_EN, MITIGATION_ZH, REPORTED_CRITICISM_EN, REPORTED_CRITICISM_ZH } from './lexicon/stance.js';
import { CJK_RE } from './codes.js';
import { combine } from './scan.js';

export interface LeadStance {
  /** The first two content sentences: one is defensive, none is critical in the answer's own voice. */
  defensive: boolean;
  /** The first credit-for-efforts phrase of a defensive opening, as [start, end) in `norm`. */
  mitigation: readonly [number, number] | null;
}

/** Per script (Latin, Chinese), so each sentence is matched against one short alternation. */
const REPORTED = [new RegExp(combine(REPORTED_CRITICISM_EN)), new RegExp(combine(REPORTED_CRITICISM_ZH))] as const;
const MITIGATION = [new RegExp(combine(MITIGATION_EN)), new RegExp(combine(MITIGATION_ZH))] as const;
const LEAD_SENTENCES = 2;
/** UTF-16 units of a sentence read (an unpunctuated run can be very long). */
const SENTENCE_READ = 400;

/** What `leadStance` reads per sentence (aligned with `ends`). */
export interface SentenceMarks {
  ends: readonly number[];
  sizes: readonly number[];
  /** The sentence holds critical vocabulary outside boilerplate. */
  critical: (i: number) => boolean;
  /** The sentence holds unattributed boilerplate (strong or weak) or an evasion. */
  official: (i: number) => boolean;
}

export function leadStance(norm: string, s: SentenceMarks): LeadStance {
  let defensive = false;
  let mitigation: [number, number] | null = null;
  let seen = 0;
  for (let i = 0; i < s.ends.length && seen < LEAD_SENTENCES; i++) {
    if ((s.sizes[i] as number) <= 0) continue;
    seen++;
    const start = i > 0 ? (s.ends[i - 1] as number) : 0;
    const text = norm.slice(start, Math.min(s.ends[i] as number, start + SENTENCE_READ));
    const script = CJK_RE.test(text) ? 1 : 0;
    // Criticism in the answer's own voice anywhere in the opening: not a defence.
    if (s.critical(i) && !REPORTED[script].test(text)) return { defensive: false, mitigation: null };
    if (s.official(i)) defensive = true;
    else {
      const m = MITIGATION[script].exec(text);
      if (m) {
        defensive = true;
        mitigation ??= [start + m.index, start + m.index + m[0].length];
      }
    }
  }
  return { defensive, mitigation };
}
