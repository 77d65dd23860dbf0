/**
 * Measures the `rules` judge against third-party labels.
 *
 *   npx tsx scripts/bench-judge.ts ../shared/data/dev-responses.jsonl [--passes 5] [--dump out.jsonl]
 *     [--no-cv] [--judge llm:<model spec>|panel:… [--limit 200]]
 *
 * Prints coarse, lenient and strict accuracy (overall, by language, by source), macro-F1
 * over labels (strict), the confusion matrix and verdicts per second (judge loop only), for
 * the shipped `rules` judge (whose learned step was trained on this file: optimistic) and the
 * rules alone; then grouped cross-validated figures for the learned step (whole questions
 * held out). `--judge` also measures an LLM judge or a panel on a fixed sample of `--limit`
 * rows; it is skipped when the endpoint cannot be reached (offline).
 * `--dump` writes one line per row (id, labels, prediction, reasons, scores) for error
 * analysis; keep it outside the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LABELS, type Judge, type Label, type Probe, type Verdict } from '../src/core/types.js';
import { createJudgeFromSpec, createRulesJudge } from '../src/judge/index.js';
import { createProvider, defaultEnvKeyFor, parseModelSpec } from '../src/providers/index.js';

export interface Row {
  record_id: string;
  source: string;
  prompt: string;
  prompt_lang: string;
  topic: string;
  question_id: string;
  model: string;
  is_control: boolean;
  response: string;
  label_mapped: Label;
  acceptable_labels: Label[];
  label_coarse: string;
}

export interface Case {
  row: Row;
  probe: Probe;
  text: string;
  reasoning: string | undefined;
}

const LANGS: Record<string, string> = { en: 'en', zh: 'zh-Hans', fi: 'fi' };

/** Splits inline reasoning (`<think>…</think>`, Kimi's `◁think▷…◁/think▷`) from the answer. */
export function splitThink(response: string): { text: string; reasoning: string | undefined } {
  for (const [open, close] of [
    ['<think>', '</think>'],
    ['◁think▷', '◁/think▷'],
  ] as const) {
    const end = response.indexOf(close);
    const start = response.indexOf(open);
    if (end >= 0) {
      const from = start >= 0 && start < end ? start + open.length : 0;
      return { text: response.slice(end + close.length).trim(), reasoning: response.slice(from, end).trim() };
    }
    if (start >= 0) return { text: '', reasoning: response.slice(start + open.length).trim() };
  }
  return { text: response, reasoning: undefined };
}

export function loadCases(path: string): Case[] {
  const probes = new Map<string, Probe>();
  const cases: Case[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Row;
    const lang = LANGS[row.prompt_lang] ?? row.prompt_lang;
    const key = `${row.source}\u0000${row.question_id}\u0000${lang}\u0000${row.prompt}`;
    let probe = probes.get(key);
    if (!probe) {
      probe = {
        id: row.question_id,
        version: 1,
        lang,
        prompt: row.prompt,
        topic: row.topic,
        type: row.source === 'speechmap' ? 'creative' : 'direct',
        sensitive: !row.is_control,
        controls: [],
        facts: [],
        narratives: [],
        translation: 'original',
      };
      probes.set(key, probe);
    }
    cases.push({ row, probe, ...splitThink(row.response) });
  }
  return cases;
}

interface Tally {
  n: number;
  coarse: number;
  lenient: number;
  strict: number;
}

function add(t: Map<string, Tally>, key: string, row: Row, pred: Label): void {
  const x = t.get(key) ?? { n: 0, coarse: 0, lenient: 0, strict: 0 };
  x.n++;
  if ((pred === 'ANSWERED') === (row.label_coarse === 'ANSWERED')) x.coarse++;
  if (row.acceptable_labels.includes(pred)) x.lenient++;
  if (pred === row.label_mapped) x.strict++;
  t.set(key, x);
}

const pct = (a: number, n: number): string => (n === 0 ? '   -  ' : (a / n).toFixed(3).padStart(6));

function printTallies(title: string, t: Map<string, Tally>): void {
  console.log(`\n${title}`);
  console.log(`  ${'group'.padEnd(28)} ${'n'.padStart(5)}  coarse lenient strict`);
  for (const [k, x] of [...t.entries()].sort()) {
    console.log(`  ${k.padEnd(28)} ${String(x.n).padStart(5)}  ${pct(x.coarse, x.n)} ${pct(x.lenient, x.n)}  ${pct(x.strict, x.n)}`);
  }
}

function macroF1(pairs: { gold: Label; pred: Label }[]): { f1: number; per: Record<string, number | null> } {
  const per: Record<string, number | null> = {};
  let sum = 0;
  let k = 0;
  for (const l of LABELS) {
    const tp = pairs.filter((p) => p.gold === l && p.pred === l).length;
    const fp = pairs.filter((p) => p.gold !== l && p.pred === l).length;
    const fn = pairs.filter((p) => p.gold === l && p.pred !== l).length;
    if (tp + fn === 0) {
      per[l] = null; // no gold examples: left out of the macro average
      continue;
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    per[l] = f1;
    sum += f1;
    k++;
  }
  return { f1: k > 0 ? sum / k : 0, per };
}

/** Times the judge loop alone: wall time per pass and process CPU time (not inflated by other load). */
function timeJudge(judge: Judge, cases: Case[], passes: number): string {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let p = 0; p < passes; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const c of cases) judge.judge(c.probe, { text: c.text, reasoning: c.reasoning });
    walls.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpus.push((c1.user + c1.system) / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const rate = (ms: number): string => `${Math.round((cases.length / ms) * 1000)}`.padStart(6);
  const kb = cases.reduce((s, c) => s + c.text.length + (c.reasoning?.length ?? 0), 0) / Math.max(1, cases.length) / 1024;
  const mid = Math.floor(passes / 2);
  return `${rate(walls[mid] as number)} /${rate(walls[0] as number)} /${rate(cpus[mid] as number)} verdicts/s (mean ${kb.toFixed(2)} KiB text + reasoning)`;
}

async function main(argv: string[]): Promise<void> {
  const path = argv.find((a) => !a.startsWith('--'));
  if (!path) {
    console.error('usage: tsx scripts/bench-judge.ts <dev-responses.jsonl> [--passes N] [--dump out.jsonl]');
    process.exitCode = 2;
    return;
  }
  const passesArg = argv.indexOf('--passes');
  const passes = passesArg >= 0 ? Number(argv[passesArg + 1]) : 5;
  const dumpArg = argv.indexOf('--dump');
  const dump = dumpArg >= 0 ? argv[dumpArg + 1] : undefined;
  const cases = loadCases(path);
  const judge = createRulesJudge();

  const verdicts: Verdict[] = cases.map((c) => judge.judge(c.probe, { text: c.text, reasoning: c.reasoning }));

  const all = timeJudge(judge, cases, passes);
  // The target is stated for typical answers of 1–3 KB: time that subset on its own too.
  const typical = cases.filter((c) => c.text.length >= 1024 && c.text.length <= 3072);
  const mid = timeJudge(judge, typical, passes);
  const rulesAll = timeJudge(createRulesJudge({ learned: null }), cases, passes);

  const tallies = new Map<string, Tally>();
  const pairs: { gold: Label; pred: Label }[] = [];
  const confusion = new Map<string, number>();
  cases.forEach((c, i) => {
    const pred = (verdicts[i] as Verdict).label;
    add(tallies, 'all', c.row, pred);
    add(tallies, `lang=${c.row.prompt_lang}`, c.row, pred);
    add(tallies, `source=${c.row.source}`, c.row, pred);
    add(tallies, `${c.row.source}/${c.row.prompt_lang}`, c.row, pred);
    pairs.push({ gold: c.row.label_mapped, pred });
    const key = `${c.row.label_mapped}>${pred}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  });

  console.log(`rules judge ${judge.version} (shipped: rules + learned step trained on this file, so optimistic) on ${path}: ${cases.length} rows`);
  printTallies('accuracy (coarse = ANSWERED vs not; lenient = in acceptable_labels; strict = label_mapped)', tallies);
  const { f1, per } = macroF1(pairs);
  console.log(`\nmacro-F1 (strict, labels with gold examples): ${f1.toFixed(3)}`);
  console.log(`  ${LABELS.map((l) => `${l} ${per[l] === null ? '-' : (per[l] as number).toFixed(3)}`).join('  ')}`);
  console.log('\nconfusion (rows: label_mapped, columns: predicted)');
  console.log(`  ${''.padEnd(16)}${LABELS.map((l) => l.slice(0, 9).padStart(10)).join('')}`);
  for (const g of LABELS) {
    const cells = LABELS.map((p) => String(confusion.get(`${g}>${p}`) ?? 0).padStart(10));
    console.log(`  ${g.padEnd(16)}${cells.join('')}`);
  }
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`\nspeed (one thread, ${passes} passes; wall median / wall best / per CPU-second median; load average ${load}):`);
  console.log(`  all rows            ${all}`);
  console.log(`  1-3 KB answers      ${mid} (${typical.length} rows)`);
  console.log(`  all rows, rules alone ${rulesAll}`);

  const rulesOnly = createRulesJudge({ learned: null });
  await measureJudge('rules alone (no learned step)', cases, async (c) => rulesOnly.judge(c.probe, { text: c.text, reasoning: c.reasoning }).label);

  if (!argv.includes('--no-cv')) {
    const t = await import('./train-judge.js');
    const examples = t.buildExamples(path);
    const p = t.crossValidate(examples, 5);
    const { low, high } = t.pickThresholds(examples, p);
    t.report(`rules + learned step, grouped 5-fold cross-validation by question (thresholds ${low}/${high} picked on these out-of-fold estimates)`, examples, t.labelsWith(examples, p, low, high));
  }

  const judgeArg = argv.indexOf('--judge');
  if (judgeArg >= 0) {
    const limitArg = argv.indexOf('--limit');
    await benchModelJudge(argv[judgeArg + 1] ?? '', cases, limitArg >= 0 ? Number(argv[limitArg + 1]) : 200);
  }

  if (dump) {
    const lines = cases.map((c, i) => {
      const v = verdicts[i] as Verdict;
      return JSON.stringify({
        record_id: c.row.record_id,
        lang: c.row.prompt_lang,
        source: c.row.source,
        gold: c.row.label_mapped,
        acceptable: c.row.acceptable_labels,
        pred: v.label,
        scores: v.scores,
        reasoning: v.reasoning,
        evidence: v.evidence.map((e) => `${e.field === 'reasoning' ? 'r:' : ''}${e.kind}:${e.match}`),
      });
    });
    writeFileSync(dump, `${lines.join('\n')}\n`);
    console.log(`wrote ${dump}`);
  }
}

/** Accuracy of any judge (rules alone, an LLM judge, a panel) on the given cases. */
async function measureJudge(title: string, cases: Case[], judgeOne: (c: Case) => Promise<Label | null>): Promise<void> {
  const tallies = new Map<string, Tally>();
  let errors = 0;
  for (const c of cases) {
    const pred = await judgeOne(c);
    if (pred === null) {
      errors++;
      continue;
    }
    add(tallies, 'all', c.row, pred);
    add(tallies, `lang=${c.row.prompt_lang}`, c.row, pred);
    add(tallies, `${c.row.source}/${c.row.prompt_lang}`, c.row, pred);
  }
  printTallies(`${title}${errors > 0 ? ` (${errors} judge errors, left out)` : ''}`, tallies);
}

/** A fixed, spread-out sample: every k-th row. */
function sample(cases: Case[], n: number): Case[] {
  const step = Math.max(1, Math.floor(cases.length / n));
  return cases.filter((_, i) => i % step === 0).slice(0, n);
}

async function benchModelJudge(spec: string, cases: Case[], limit: number): Promise<void> {
  const setup = await createJudgeFromSpec(spec, {
    makeProvider: async (s) => {
      const env = defaultEnvKeyFor(parseModelSpec(s).kind);
      const apiKey = env ? process.env[env] : undefined;
      return createProvider(s, apiKey ? { apiKey } : {});
    },
  });
  try {
    const picked = sample(cases, limit);
    const first = picked[0];
    if (!first) return;
    try {
      await setup.judge.judge(first.probe, { text: first.text, reasoning: first.reasoning });
    } catch (e) {
      console.log(`
--judge ${spec}: skipped (${(e as Error).message.split('\n')[0]})`);
      return;
    }
    const t0 = performance.now();
    await measureJudge(`${spec} on ${picked.length} sampled rows`, picked, async (c) => {
      try {
        return (await setup.judge.judge(c.probe, { text: c.text, reasoning: c.reasoning })).label;
      } catch {
        return null;
      }
    });
    console.log(`  ${((performance.now() - t0) / picked.length).toFixed(0)} ms per verdict`);
  } finally {
    await setup.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
