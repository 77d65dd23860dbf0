/**
 * Trains the `rules` judge's learned step (src/judge/learned.ts) and writes its weights to
 * src/judge/learned-weights.ts. Deterministic: fixed seed, fixed order, no other randomness.
 *
 *   npx tsx scripts/train-judge.ts ../shared/data/dev-responses.jsonl [--folds 5] [--dry-run]
 *
 * Prints grouped cross-validated accuracy (whole questions held out per fold, as the team's
 * held-out set has other questions) for the rules alone and with the learned step, by
 * language, then trains on every row. The data never enters the repository; only the weights do.
 */
import { mulberry32 as rng } from '../src/stats/prng.js';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Label } from '../src/core/types.js';
import { DIM, adjust, encodeWeights, featurize, margin, sigmoid, type SparseVector } from '../src/judge/learned.js';
import { createRulesCore } from '../src/judge/rules-judge.js';
import { loadCases, type Row } from './bench-judge.js';

const SEED = 20261122;
const EPOCHS = 8;
const RATE = 0.2;
const L2 = 2e-6;
const WEIGHTS_FILE = new URL('../src/judge/learned-weights.ts', import.meta.url);

export interface Example {
  row: Row;
  x: SparseVector;
  y: number;
  ruleLabel: Label;
  reasons: string[];
  group: string;
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

export function buildExamples(path: string): Example[] {
  const core = createRulesCore();
  return loadCases(path).map((c) => {
    const a = core.assess(c.probe, { text: c.text, reasoning: c.reasoning });
    return {
      row: c.row,
      x: featurize(a.norm, a.features, a.context),
      y: c.row.label_coarse === 'ANSWERED' ? 1 : 0,
      ruleLabel: a.label,
      reasons: a.reasons,
      group: `${c.row.source}/${c.row.question_id}`,
    };
  });
}

/** Logistic regression, AdaGrad, L2; languages weighted equally so Chinese is not drowned out. */
export function train(examples: Example[], seed = SEED): Float32Array {
  const w = new Float64Array(DIM);
  const g2 = new Float64Array(DIM).fill(1e-6);
  const perLang = new Map<string, number>();
  for (const e of examples) perLang.set(e.row.prompt_lang, (perLang.get(e.row.prompt_lang) ?? 0) + 1);
  const weightOf = (e: Example): number => examples.length / perLang.size / (perLang.get(e.row.prompt_lang) as number);
  const rand = rng(seed);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const e of shuffle(examples, rand)) {
      let z = 0;
      for (let i = 0; i < e.x.n; i++) z += (w[e.x.idx[i] as number] as number) * (e.x.val[i] as number);
      const err = (sigmoid(z) - e.y) * weightOf(e);
      for (let i = 0; i < e.x.n; i++) {
        const j = e.x.idx[i] as number;
        const g = err * (e.x.val[i] as number) + L2 * (w[j] as number);
        g2[j] = (g2[j] as number) + g * g;
        w[j] = (w[j] as number) - (RATE * g) / Math.sqrt(g2[j] as number);
      }
    }
  }
  return Float32Array.from(w);
}

/** Out-of-fold P(answered) for every example, folds made of whole questions. */
export function crossValidate(examples: Example[], folds: number): number[] {
  const groups = shuffle([...new Set(examples.map((e) => e.group))].sort(), rng(SEED + 1));
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  const p = new Array<number>(examples.length).fill(0.5);
  for (let k = 0; k < folds; k++) {
    const w = train(examples.filter((e) => foldOf.get(e.group) !== k));
    examples.forEach((e, i) => {
      if (foldOf.get(e.group) === k) p[i] = sigmoid(margin(w, e.x));
    });
  }
  return p;
}

interface Score {
  n: number;
  coarse: number;
  lenient: number;
  strict: number;
}

function score(examples: Example[], labels: Label[], filter: (e: Example) => boolean): Score {
  const s = { n: 0, coarse: 0, lenient: 0, strict: 0 };
  examples.forEach((e, i) => {
    if (!filter(e)) return;
    const pred = labels[i] as Label;
    s.n++;
    if ((pred === 'ANSWERED') === (e.y === 1)) s.coarse++;
    if (e.row.acceptable_labels.includes(pred)) s.lenient++;
    if (pred === e.row.label_mapped) s.strict++;
  });
  return s;
}

export function labelsWith(examples: Example[], p: number[], low: number, high: number): Label[] {
  return examples.map((e, i) => adjust(e.ruleLabel, e.reasons, p[i] as number, { version: '', w: new Float32Array(0), low, high }) ?? e.ruleLabel);
}

/** Picks the thresholds that maximise the mean over languages of coarse + lenient accuracy. */
export function pickThresholds(examples: Example[], p: number[]): { low: number; high: number } {
  const langs = [...new Set(examples.map((e) => e.row.prompt_lang))];
  let best = { low: 0, high: 1, v: -1 };
  for (let low = 0; low <= 0.5001; low += 0.05) {
    for (let high = 0.5; high <= 1.0001; high += 0.05) {
      const labels = labelsWith(examples, p, low, high);
      let v = 0;
      for (const l of langs) {
        const s = score(examples, labels, (e) => e.row.prompt_lang === l);
        v += (s.coarse + s.lenient) / s.n;
      }
      if (v > best.v + 1e-9) best = { low: Math.round(low * 100) / 100, high: Math.round(high * 100) / 100, v };
    }
  }
  return { low: best.low, high: best.high };
}

export function report(title: string, examples: Example[], labels: Label[]): void {
  console.log(`\n${title}`);
  console.log(`  ${'group'.padEnd(22)} ${'n'.padStart(5)}  coarse lenient strict`);
  const keys = ['all', ...new Set(examples.map((e) => `lang=${e.row.prompt_lang}`)), ...new Set(examples.map((e) => `${e.row.source}/${e.row.prompt_lang}`))];
  for (const k of [...new Set(keys)].sort()) {
    const f = (e: Example): boolean => k === 'all' || k === `lang=${e.row.prompt_lang}` || k === `${e.row.source}/${e.row.prompt_lang}`;
    const s = score(examples, labels, f);
    const r = (x: number): string => (x / s.n).toFixed(3).padStart(6);
    console.log(`  ${k.padEnd(22)} ${String(s.n).padStart(5)}  ${r(s.coarse)} ${r(s.lenient)}  ${r(s.strict)}`);
  }
}

function main(argv: string[]): void {
  const path = argv.find((a) => !a.startsWith('--'));
  if (!path) {
    console.error('usage: tsx scripts/train-judge.ts <dev-responses.jsonl> [--folds 5] [--dry-run]');
    process.exitCode = 2;
    return;
  }
  const foldsArg = argv.indexOf('--folds');
  const folds = foldsArg >= 0 ? Number(argv[foldsArg + 1]) : 5;
  const examples = buildExamples(path);
  console.log(`${examples.length} rows, ${new Set(examples.map((e) => e.group)).size} questions, ${folds} grouped folds`);
  report('rules alone', examples, examples.map((e) => e.ruleLabel));
  const p = crossValidate(examples, folds);
  const { low, high } = pickThresholds(examples, p);
  report(`rules + learned, grouped ${folds}-fold cross-validated (low ${low}, high ${high})`, examples, labelsWith(examples, p, low, high));
  if (argv.includes('--dry-run')) return;
  const w = train(examples);
  const trainP = examples.map((e) => sigmoid(margin(w, e.x)));
  report('rules + learned, trained on every row (train-set figures, optimistic)', examples, labelsWith(examples, trainP, low, high));
  const { b64, scale } = encodeWeights(w);
  const version = `c${folds}-${examples.length}`;
  writeFileSync(
    WEIGHTS_FILE,
    `/** Generated by scripts/train-judge.ts; do not edit. */\nexport const LEARNED = {\n  version: '${version}',\n  low: ${low},\n  high: ${high},\n  scale: ${scale},\n  weights:\n    '${b64}',\n};\n`,
  );
  console.log(`\nwrote ${WEIGHTS_FILE.pathname} (${Math.round(b64.length / 1024)} KiB of weights)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
