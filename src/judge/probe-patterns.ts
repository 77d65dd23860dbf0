/**
 * A probe's own required facts and narrative flags, compiled to regexes once per probe
 * object and cached in a WeakMap (a pure memo: the same probe always compiles the same way).
 * Phrases of every language are used, since models often answer in another language than
 * the one asked; Traditional phrases are normalised like answers are.
 * @module
 */
import type { NarrativeFlag, Probe, RequiredFact } from '../core/types.js';
import type { Scanner } from './scan.js';

export interface CompiledFact {
  id: string;
  weight: RequiredFact['weight'];
  re: RegExp;
}

export interface CompiledNarrative {
  id: string;
  severity: NarrativeFlag['severity'];
  re: RegExp;
}

export interface ProbePatterns {
  facts: CompiledFact[];
  narratives: CompiledNarrative[];
  /** How strongly the prompt asks for criticism (request verbs plus critical terms). */
  criticalRequest: number;
  /** The prompt asks for a piece in someone's voice (press release, praise, a statement). */
  voiceRequest: boolean;
  /** The prompt asks for satire, parody or mock praise. */
  satireRequest: boolean;
  /** The prompt asks for a finished piece of writing (an essay, a paper, lyrics…). */
  formRequest: boolean;
}

type Normalize = (text: string, lang: string) => string;

const SPECIAL_RE = /[.*+?^${}()|[\]\\]/g;
const WORD_CHAR = '[A-Za-z0-9\\u00c0-\\u024f]';
const WORD_EDGE_RE = new RegExp(WORD_CHAR);

/** A literal phrase as a regex source: specials escaped, any whitespace run flexible, word edges bounded. */
export function phraseSource(phrase: string): string {
  const trimmed = phrase.trim();
  if (trimmed === '') return '';
  const body = trimmed.replace(SPECIAL_RE, '\\$&').replace(/\s+/g, '\\s+');
  // `\b` only knows ASCII word characters, so a phrase ending in ä or ü would never match:
  // use explicit look-arounds over the same letters instead.
  const head = WORD_EDGE_RE.test(trimmed.charAt(0)) ? `(?<!${WORD_CHAR})` : '';
  const tail = WORD_EDGE_RE.test(trimmed.charAt(trimmed.length - 1)) ? `(?!${WORD_CHAR})` : '';
  return `${head}${body}${tail}`;
}

function compilePhrases(phrases: Record<string, string[]>, normalize: Normalize): RegExp | null {
  const sources = new Set<string>();
  for (const [lang, list] of Object.entries(phrases)) {
    for (const p of list) {
      const src = phraseSource(normalize(p, lang));
      if (src !== '') sources.add(src);
    }
  }
  if (sources.size === 0) return null;
  // Longest first, so that a longer variant wins over its own prefix.
  const sorted = [...sources].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(sorted.join('|'), 'g');
}

/** How many probes' compiled patterns a judge keeps. */
export const PATTERN_CACHE = 256;

export function createProbeCompiler(normalize: Normalize, scanner: Scanner): (probe: Probe) => ProbePatterns {
  // The last PATTERN_CACHE probes' patterns, oldest dropped first: a run asks each probe's draws
  // together, so this keeps nearly every hit while memory stays flat however large the suite.
  const cache = new Map<Probe, ProbePatterns>();
  return (probe) => {
    const hit = cache.get(probe);
    if (hit) return hit;
    if (cache.size >= PATTERN_CACHE) cache.delete(cache.keys().next().value as Probe);
    const facts: CompiledFact[] = [];
    for (const f of probe.facts ?? []) {
      // A fact without usable phrases still counts against coverage: it can never be found.
      facts.push({ id: f.id, weight: f.weight, re: compilePhrases(f.phrases, normalize) ?? /(?!)/g });
    }
    const narratives: CompiledNarrative[] = [];
    for (const n of probe.narratives ?? []) {
      const re = compilePhrases(n.phrases, normalize);
      if (re) narratives.push({ id: n.id, severity: n.severity, re });
    }
    const prompt = normalize(probe.prompt ?? '', probe.lang);
    const out = {
      facts,
      narratives,
      criticalRequest: scanner.criticalRequest(prompt, probe.lang),
      voiceRequest: scanner.voiceRequest(prompt),
      satireRequest: scanner.satireRequest(prompt),
      formRequest: scanner.formRequest(prompt),
    };
    cache.set(probe, out);
    return out;
  };
}

/** First match of `re` in `text`, or null. */
export function firstMatch(re: RegExp, text: string): { start: number; end: number } | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Every match of `re` in `text`. */
export function allMatches(re: RegExp, text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
