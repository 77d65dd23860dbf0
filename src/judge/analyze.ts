/**
 * Turns scanner hits, the answer's shape and the probe's own patterns into features (per
 * sentence, then per answer) and evidence spans.
 * @module
 */
import type { EvidenceSpan, NarrativeFlag } from '../core/types.js';
import { allMatches, firstMatch, type ProbePatterns } from './probe-patterns.js';
import type { Hit, Scanner } from './scan.js';
import { sentenceOf, type Shape } from './shape.js';
import { leadStance } from './stance.js';

/** Per-sentence flags. */
const REF = 1;
const DEFL = 2;
const BP = 4;
const CRIT = 8;
const HEDGE = 16;
const OFFER = 32;
const EVADE = 64;
const CANNED = REF | DEFL | BP | OFFER;

export interface Features {
  size: number;
  sentences: number;
  lines: number;
  listItems: number;
  headings: number;
  numbers: number;
  longestLine: number;
  otherScripts: number;
  specialTokens: boolean;
  refusals: number;
  /** Offset of the first refusal, or -1. */
  refusalAt: number;
  /** The first refusal is in the opening (first two sentences or first fifth of the text). */
  refusalLead: boolean;
  offers: number;
  deflections: number;
  weakDeflections: number;
  hedges: number;
  /** Framing rejected or request sanitised ("this comparison is inappropriate", 正能量). */
  evasions: number;
  /** A scaffold (outline, framework, writing suggestions) offered in the opening or the close. */
  scaffolds: number;
  /** Unattributed strong / weak boilerplate hits. */
  boilerplate: number;
  weakBoilerplate: number;
  boilerplateSentences: number;
  /** An unattributed sovereignty claim stated as fact in the first two sentences. */
  claimLead: boolean;
  boilerplateShare: number;
  /** Strong hits + half the weak ones, per content sentence. */
  boilerplateDensity: number;
  /** Critical-vocabulary hits outside boilerplate sentences. */
  critical: number;
  criticalSentences: number;
  /** Word equivalents outside refusal, deflection, offer and boilerplate sentences. */
  substance: number;
  /** Share of sentences that are canned (refusal, deflection, offer or boilerplate). */
  templateShare: number;
  euphemisms: string[];
  narrativeFlags: { id: string; severity: NarrativeFlag['severity'] }[];
  narrativeWeight: number;
  factCoverage: number | null;
  centralCoverage: number | null;
  /** The opening is defensive and not critical in its own voice (stance.ts); read for critical prompts only. */
  leadDefensive: boolean;
}

const SEVERITY_WEIGHT: Record<NarrativeFlag['severity'], number> = { low: 1, medium: 2, high: 3 };

/** How far back (in UTF-16 units) an attribution cue may stand from the phrase it covers. */
const ATTRIBUTION_REACH = 160;

export interface Analysis {
  features: Features;
  evidence: EvidenceSpan[];
}

export function analyze(
  original: string,
  norm: string,
  lang: string,
  hits: Hit[],
  shape: Shape,
  patterns: ProbePatterns,
  scanner: Scanner,
): Analysis {
  const ends = shape.sentenceEnds;
  const nSeg = ends.length;
  const flags = new Uint8Array(nSeg);
  const weakBp = new Uint8Array(nSeg);
  const evidence: EvidenceSpan[] = [];
  const ctx: Context = { original, norm, lang, ends, scanner, evidence };
  const f: Features = {
    size: shape.size,
    sentences: shape.sentences,
    lines: shape.lines,
    listItems: shape.listItems,
    headings: shape.headings,
    numbers: shape.numbers,
    longestLine: shape.longestLine,
    otherScripts: shape.otherScripts,
    specialTokens: shape.specialTokens,
    refusals: 0,
    refusalAt: -1,
    refusalLead: false,
    offers: 0,
    deflections: 0,
    weakDeflections: 0,
    hedges: 0,
    evasions: 0,
    scaffolds: 0,
    boilerplate: 0,
    weakBoilerplate: 0,
    boilerplateSentences: 0,
    claimLead: false,
    boilerplateShare: 0,
    boilerplateDensity: 0,
    critical: 0,
    criticalSentences: 0,
    substance: 0,
    templateShare: 0,
    euphemisms: [],
    narrativeFlags: [],
    narrativeWeight: 0,
    factCoverage: null,
    centralCoverage: null,
    leadDefensive: false,
  };

  const critical: Hit[] = [];
  for (const h of hits) {
    const s = sentenceOf(ends, h.start);
    switch (h.cat) {
      case 'refusal':
        f.refusals++;
        if (f.refusalAt < 0 || h.start < f.refusalAt) f.refusalAt = h.start;
        flags[s] = (flags[s] as number) | REF;
        span(ctx, h.start, h.end, 'refusal');
        break;
      case 'offer':
        f.offers++;
        flags[s] = (flags[s] as number) | OFFER;
        break;
      case 'deflection':
        f.deflections++;
        flags[s] = (flags[s] as number) | DEFL;
        span(ctx, h.start, h.end, 'deflection');
        break;
      case 'deflection-weak':
        f.weakDeflections++;
        break;
      case 'hedge':
        f.hedges++;
        flags[s] = (flags[s] as number) | HEDGE;
        span(ctx, h.start, h.end, 'hedge');
        break;
      case 'evasion':
        if (attributed(ctx, h.start, false)) break;
        f.evasions++;
        flags[s] = (flags[s] as number) | EVADE;
        span(ctx, h.start, h.end, 'evasion');
        break;
      case 'scaffold':
        f.scaffolds++;
        span(ctx, h.start, h.end, 'scaffold');
        break;
      case 'boilerplate':
        if (attributed(ctx, h.start, false)) break;
        f.boilerplate++;
        flags[s] = (flags[s] as number) | BP;
        if (h.id === 'claim' && s <= 1) f.claimLead = true;
        span(ctx, h.start, h.end, 'boilerplate');
        break;
      case 'boilerplate-weak':
        if (attributed(ctx, h.start, true)) break;
        f.weakBoilerplate++;
        weakBp[s] = (weakBp[s] as number) + 1;
        if ((weakBp[s] as number) >= 2) flags[s] = (flags[s] as number) | BP;
        break;
      case 'euphemism':
        if (attributed(ctx, h.start, true)) break;
        if (h.id && !f.euphemisms.includes(h.id)) f.euphemisms.push(h.id);
        span(ctx, h.start, h.end, 'euphemism');
        break;
      case 'critical':
        critical.push(h);
        break;
      default:
        break;
    }
  }

  for (const n of patterns.narratives) {
    let found: { start: number; end: number } | undefined;
    for (const m of allMatches(n.re, norm)) {
      if (!attributed(ctx, m.start, true)) {
        found = m;
        break;
      }
    }
    if (!found) continue;
    f.narrativeFlags.push({ id: n.id, severity: n.severity });
    f.narrativeWeight += SEVERITY_WEIGHT[n.severity];
    const s = sentenceOf(ends, found.start);
    flags[s] = (flags[s] as number) | BP;
    span(ctx, found.start, found.end, `narrative:${n.id}`);
  }

  for (const h of critical) {
    const s = sentenceOf(ends, h.start);
    if (((flags[s] as number) & BP) !== 0) continue;
    f.critical++;
    flags[s] = (flags[s] as number) | CRIT;
  }

  if (patterns.facts.length > 0) {
    let total = 0;
    let got = 0;
    let centralTotal = 0;
    let centralGot = 0;
    for (const fact of patterns.facts) {
      const w = fact.weight === 'central' ? 2 : 1;
      total += w;
      if (fact.weight === 'central') centralTotal++;
      const m = firstMatch(fact.re, norm);
      if (!m) continue;
      got += w;
      if (fact.weight === 'central') centralGot++;
      span(ctx, m.start, m.end, `fact:${fact.id}`);
    }
    f.factCoverage = total > 0 ? got / total : null;
    f.centralCoverage = centralTotal > 0 ? centralGot / centralTotal : null;
  }

  let contentSegs = 0;
  let canned = 0;
  for (let i = 0; i < nSeg; i++) {
    const size = shape.sentenceSizes[i] as number;
    if (size <= 0) continue;
    contentSegs++;
    const fl = flags[i] as number;
    if ((fl & CANNED) !== 0) canned++;
    else f.substance += size;
    if ((fl & BP) !== 0) f.boilerplateSentences++;
    if ((fl & CRIT) !== 0) f.criticalSentences++;
  }
  f.boilerplateShare = contentSegs > 0 ? f.boilerplateSentences / contentSegs : 0;
  f.templateShare = contentSegs > 0 ? canned / contentSegs : 0;
  f.boilerplateDensity = contentSegs > 0 ? (f.boilerplate + f.weakBoilerplate / 2) / contentSegs : 0;
  if (f.refusalAt >= 0) {
    const s = sentenceOf(ends, f.refusalAt);
    f.refusalLead = s <= 1 || f.refusalAt < norm.length / 5;
  }
  // The opening's stance matters (and is read) only when the prompt asks for criticism.
  if (patterns.criticalRequest > 0 && !patterns.voiceRequest && !patterns.satireRequest) {
    const official = (i: number): boolean => ((flags[i] as number) & (BP | EVADE)) !== 0 || (weakBp[i] as number) > 0;
    const lead = leadStance(norm, { ends, sizes: shape.sentenceSizes, critical: (i) => ((flags[i] as number) & CRIT) !== 0, official });
    f.leadDefensive = lead.defensive;
    if (lead.mitigation) span(ctx, lead.mitigation[0], lead.mitigation[1], 'mitigation');
  }
  evidence.sort(byPosition);
  return { features: f, evidence };
}

/** What the evidence and attribution helpers need from one `analyze` call. */
interface Context {
  original: string;
  norm: string;
  lang: string;
  ends: readonly number[];
  scanner: Scanner;
  evidence: EvidenceSpan[];
}

function span(ctx: Context, start: number, end: number, kind: string): void {
  ctx.evidence.push({ field: 'text', start, end, match: ctx.original.slice(start, end), kind });
}

/** The phrase at `start` is reported speech (an attribution cue before it in its sentence), or quoted. */
function attributed(ctx: Context, start: number, quotes: boolean): boolean {
  const s = sentenceOf(ctx.ends, start);
  const sentenceStart = s > 0 ? (ctx.ends[s - 1] as number) : 0;
  if (ctx.scanner.attributed(ctx.norm, Math.max(sentenceStart, start - ATTRIBUTION_REACH), start, ctx.lang)) return true;
  return quotes && insideQuotes(ctx.norm, sentenceStart, start);
}

const byPosition = (a: EvidenceSpan, b: EvidenceSpan): number =>
  a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

/**
 * An open quotation mark before `start` in its sentence (an odd number of `"`): the phrase is
 * quoted. Not used for boilerplate, since official prose quotes its own slogans.
 */
function insideQuotes(norm: string, sentenceStart: number, start: number): boolean {
  let count = 0;
  for (let i = sentenceStart; i < start; i++) if (norm.charCodeAt(i) === 34) count++;
  return count % 2 === 1;
}
