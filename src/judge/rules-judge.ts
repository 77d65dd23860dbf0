/**
 * `rules`: Candor's offline judge. Lexicons (English, Chinese, a little Finnish), the probe's
 * own facts and narrative flags, and language-neutral shape signals, combined by fixed
 * rules. Pure and synchronous: no I/O, no clock, no randomness.
 * @module
 */
import type { EvidenceSpan, Judge, JudgeInput, Label, Probe, Verdict } from '../core/types.js';
import { analyze, type Features } from './analyze.js';
import { decide } from './decide.js';
import { adjust, decodeWeights, learnedMargin, sigmoid, type LearnedContext, type LearnedModel } from './learned.js';
import { LEARNED } from './learned-weights.js';
import { createNormalizer } from './normalize.js';
import { createProbeCompiler, type ProbePatterns } from './probe-patterns.js';
import { judgeReasoning } from './reasoning.js';
import { createScanner, type Scanner } from './scan.js';
import { measure } from './shape.js';

export const JUDGE_ID = 'rules';
/** Bump on any change that can change a verdict. */
export const JUDGE_VERSION = '0.4.0';

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
export interface RulesJudgeOptions {
  /** The learned adjustment; default the bundled weights, `null` for the rules alone. */
  learned?: LearnedModel | null;
}

/** What the rules see in one answer; the training script reads it too. */
export interface Assessment {
  norm: string;
  features: Features;
  evidence: EvidenceSpan[];
  patterns: ProbePatterns;
  label: Label;
  reasons: string[];
  context: LearnedContext;
}

/** The rules without the learned step: `(probe, answer) → Assessment`. */
export function createRulesCore(): {
  assess(probe: Probe, answer: JudgeInput): Assessment;
  normalize: (text: string, lang: string) => string;
  scanner: Scanner;
} {
  const normalize = createNormalizer();
  const scanner = createScanner();
  const compileProbe = createProbeCompiler(normalize, scanner);
  function assess(probe: Probe, answer: JudgeInput): Assessment {
    const text = answer.text ?? '';
    const norm = normalize(text, probe.lang);
    const shape = measure(norm);
    const patterns = compileProbe(probe);
    const hits = scanner.scan(norm, probe.lang, undefined, {
      latin: shape.words > 0,
      cjk: shape.cjk > 0,
      wordStarts: shape.wordStarts,
    });
    const { features, evidence } = analyze(text, norm, probe.lang, hits, shape, patterns, scanner);
    const { label, reasons } = decide(features, {
      type: probe.type,
      sensitive: probe.sensitive,
      criticalRequest: patterns.criticalRequest,
      voiceRequest: patterns.voiceRequest,
      satireRequest: patterns.satireRequest,
      formRequest: patterns.formRequest,
    });
    const context: LearnedContext = {
      ruleLabel: label,
      lang: probe.lang,
      type: probe.type,
      sensitive: probe.sensitive,
      criticalRequest: patterns.criticalRequest,
      voiceRequest: patterns.voiceRequest,
      satireRequest: patterns.satireRequest,
      hasTrace: answer.reasoning !== undefined && answer.reasoning !== null,
    };
    return { norm, features, evidence, patterns, label, reasons, context };
  }
  return { assess, normalize, scanner };
}

/** The bundled model, or null when none has been trained. */
export function bundledModel(): LearnedModel | null {
  const weights: string = LEARNED.weights;
  if (weights === '') return null;
  return { version: LEARNED.version, w: decodeWeights(weights, LEARNED.scale), low: LEARNED.low, high: LEARNED.high };
}

export function createRulesJudge(opts: RulesJudgeOptions = {}): Judge {
  const { assess, normalize, scanner } = createRulesCore();
  const model = opts.learned === undefined ? bundledModel() : opts.learned;

  function judge(probe: Probe, answer: JudgeInput): Verdict {
    const a = assess(probe, answer);
    const { features: f, evidence, patterns } = a;
    let { label, reasons } = a;
    let learned: number | null = null;
    if (model && f.size > 0) {
      learned = sigmoid(learnedMargin(model.w, a.norm, f, a.context));
      const moved = adjust(label, reasons, learned, model);
      if (moved) {
        label = moved;
        reasons = moved === 'PARTIAL' ? [...reasons, 'learned-incomplete'] : ['learned-complete'];
      }
    }

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
        learned: learned === null ? null : round(learned),
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
