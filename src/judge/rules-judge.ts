/**
 * `rules`: Candor's offline judge. Lexicons (English, Chinese, a little Finnish), the probe's
 * own facts and narrative flags, and language-neutral shape signals, combined by fixed
 * rules. Pure and synchronous: no I/O, no clock, no randomness.
 * @module
 */
import type { Judge, JudgeInput, Probe, Verdict } from '../core/types.js';
import { analyze } from './analyze.js';
import { decide } from './decide.js';
import { createNormalizer } from './normalize.js';
import { createProbeCompiler } from './probe-patterns.js';
import { judgeReasoning } from './reasoning.js';
import { createScanner } from './scan.js';
import { measure } from './shape.js';

export const JUDGE_ID = 'rules';
/** Bump on any change that can change a verdict. */
export const JUDGE_VERSION = '0.1.0';

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Creates the rules judge. Compiles every lexicon once; per-probe patterns are compiled on
 * first use and cached per probe object.
 *
 * @example
 * const judge = createRulesJudge();
 * const verdict = judge.judge(probe, { text: "I'm sorry, but I can't help with that." });
 * verdict.label; // 'REFUSED'
 */
export function createRulesJudge(): Judge {
  const normalize = createNormalizer();
  const scanner = createScanner();
  const compileProbe = createProbeCompiler(normalize, scanner);

  function judge(probe: Probe, answer: JudgeInput): Verdict {
    const text = answer.text ?? '';
    const norm = normalize(text, probe.lang);
    const shape = measure(norm);
    const patterns = compileProbe(probe);
    const hits = scanner.scan(norm, probe.lang, undefined, {
      latin: shape.words > 0,
      cjk: shape.cjk > 0,
      wordStarts: shape.wordStarts,
    });
    const { features: f, evidence } = analyze(text, norm, probe.lang, hits, shape, patterns, scanner);
    const { label, reasons } = decide(f, {
      type: probe.type,
      sensitive: probe.sensitive,
      criticalRequest: patterns.criticalRequest,
      voiceRequest: patterns.voiceRequest,
    });

    const verdict: Verdict = {
      label,
      judge: JUDGE_ID,
      judgeVersion: JUDGE_VERSION,
      evidence,
      scores: {
        factCoverage: f.factCoverage === null ? null : round(f.factCoverage),
        narrativeFlags: f.narrativeFlags,
        euphemisms: f.euphemisms,
        reasons,
        size: round(f.size),
        sentences: f.sentences,
        substance: round(f.substance),
        templateShare: round(f.templateShare),
        refusals: f.refusals,
        deflections: f.deflections,
        hedges: f.hedges,
        evasions: f.evasions,
        boilerplate: f.boilerplate,
        weakBoilerplate: f.weakBoilerplate,
        boilerplateShare: round(f.boilerplateShare),
        critical: f.critical,
        criticalRequest: patterns.criticalRequest,
        structure: f.headings + f.listItems,
      },
    };

    if (answer.reasoning !== undefined && answer.reasoning !== null) {
      const trace = answer.reasoning;
      const factsInAnswer = new Set(
        evidence.filter((e) => e.kind.startsWith('fact:')).map((e) => e.kind.slice('fact:'.length)),
      );
      const r = judgeReasoning(probe, trace, normalize, scanner, patterns, {
        label,
        facts: factsInAnswer,
        critical: f.critical,
      });
      verdict.reasoning = r.reasoning;
      verdict.evidence = evidence.concat(r.evidence);
    }
    return verdict;
  }

  return { id: JUDGE_ID, version: JUDGE_VERSION, judge };
}
