/**
 * What `score` and `rejudge` share: building the judge from `--judge` (providers read their
 * keys here, in the CLI), running judges a few at a time in order, and the label summary
 * with the panel's Cohen's kappa.
 * @module
 */
import { LABELS, type Label, type Verdict } from '../../core/types.js';
import { createJudgeFromSpec, type JudgeSetup } from '../../judge/index.js';
import { createProvider, defaultEnvKeyFor, parseModelSpec } from '../../providers/index.js';
import { cohenKappa, kappaPerLabel } from '../../stats/kappa.js';
import type { CliIo } from '../io.js';

export async function setupJudge(spec: string, io: CliIo): Promise<JudgeSetup> {
  return createJudgeFromSpec(spec, {
    signal: io.signal,
    makeProvider: async (modelSpec) => {
      const env = defaultEnvKeyFor(parseModelSpec(modelSpec).kind);
      const apiKey = env ? io.env[env] : undefined;
      return createProvider(modelSpec, apiKey ? { apiKey } : {});
    },
  });
}

/** Runs `fn` over items with at most `limit` in flight, handing results to `sink` in input order. */
export async function inOrder<T, R>(items: AsyncIterable<T>, limit: number, fn: (x: T) => Promise<R>, sink: (x: T, r: R) => Promise<void> | void): Promise<void> {
  const window: { item: T; result: Promise<R> }[] = [];
  for await (const item of items) {
    const result = fn(item);
    result.catch(() => undefined); // awaited below, in order; this only keeps it from being "unhandled" meanwhile
    window.push({ item, result });
    if (window.length >= limit) {
      const head = window.shift()!;
      await sink(head.item, await head.result);
    }
  }
  for (const head of window) await sink(head.item, await head.result);
}

export type Outcome = { verdict: Verdict } | { error: string };

/** Judges one answer; a JudgeError (or any failure) becomes a counted judge error, never a label. */
export async function judgeSafely(setup: JudgeSetup, run: () => Promise<Verdict>): Promise<Outcome> {
  try {
    return { verdict: await run() };
  } catch (e) {
    if (e instanceof Error && e.name !== 'JudgeError' && e.name !== 'ProviderError') throw e;
    return { error: (e as Error).message };
  }
}

export class Tally {
  readonly labels = new Map<Label, number>();
  errors = 0;
  disagreements = 0;
  add(o: Outcome): void {
    if ('error' in o) {
      this.errors++;
      return;
    }
    this.labels.set(o.verdict.label, (this.labels.get(o.verdict.label) ?? 0) + 1);
    if (o.verdict.scores['disagreement'] === true) this.disagreements++;
  }
  render(setup: JudgeSetup): string {
    const n = [...this.labels.values()].reduce((a, b) => a + b, 0);
    const lines = [`judge ${setup.judge.id}: ${n} verdicts, ${this.errors} judge errors`];
    for (const l of LABELS) lines.push(`  ${l.padEnd(16)} ${String(this.labels.get(l) ?? 0).padStart(6)}`);
    if (setup.panel) {
      lines.push(`  disagreements for review: ${this.disagreements}`);
      lines.push(...panelKappa(setup));
    }
    return `${lines.join('\n')}\n`;
  }
}

const fmt = (k: number | null): string => (k === null ? '  -  ' : k.toFixed(3));

/** Cohen's kappa for every pair of panel members: overall and per label (one vs rest). */
export function panelKappa(setup: JudgeSetup): string[] {
  const panel = setup.panel;
  if (!panel) return [];
  const rows = panel.ratings();
  const ids = panel.members.map((m) => m.id);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const both = rows.filter((r) => r[i] !== null && r[j] !== null && r[i] !== undefined && r[j] !== undefined);
      const a = both.map((r) => r[i] as string);
      const b = both.map((r) => r[j] as string);
      const per = kappaPerLabel(a, b, LABELS);
      out.push(`  kappa ${ids[i]} vs ${ids[j]} (n=${both.length}): overall ${fmt(cohenKappa(a, b))}; ${LABELS.map((l) => `${l} ${fmt(per[l] ?? null)}`).join(', ')}`);
    }
  }
  return out;
}
