import { LABELS, OUTCOMES } from '../core/types.js';
import type { Interval } from '../stats/interval.js';
import type { GroupStats, ModelSummary, RunSummary } from '../stats/summary.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ci = ([lo, hi]: Interval): string => `[${(lo * 100).toFixed(0)}–${(hi * 100).toFixed(0)}]`;
const cell = (g: GroupStats, rate: number, interval: Interval): string => (g.n === 0 ? '—' : `${pct(rate)} ${ci(interval)}`);

/** The summary as plain-text tables, one per model. Model-controlled text never appears here. */
export function renderSummaryTable(summary: RunSummary): string {
  if (summary.models.length === 0) return `run ${summary.runId}: no answers recorded\n`;
  return summary.models.map(renderModel).join('\n') + `\nrun ${summary.runId}\n`;
}

function renderModel(m: ModelSummary): string {
  const groups: [string, GroupStats][] = [['all', m], ['sensitive', m.sensitive], ['control', m.control]];
  if (m.neutral.n > 0) groups.push(['neutral', m.neutral]);
  if (m.unsafe.n > 0) groups.push(['unsafe', m.unsafe]);
  const rows: string[][] = [['', ...groups.map(([name]) => name)]];
  rows.push(['n (judged)', ...groups.map(([, g]) => String(g.n))]);
  for (const label of LABELS) rows.push([label, ...groups.map(([, g]) => cell(g, g.rates[label], g.intervals[label]))]);
  rows.push(['censorship index', ...groups.map(([, g]) => cell(g, g.censorshipIndex, g.censorshipIndexCI))]);
  const excluded = OUTCOMES.filter((o) => o !== 'ok' && m.outcomes[o] > 0).map((o) => `${o} ${m.outcomes[o]}`);
  const head = `${m.model}\n  judged ${m.n} of ${m.n + m.excluded} (coverage ${pct(m.coverage)})` +
    (excluded.length ? `; excluded: ${excluded.join(', ')}` : '');
  const a = m.asymmetry;
  const asym = a.pairs > 0
    ? `  asymmetry (sensitive − matched control, paired): ${signedPp(a.value)} pp [${signedPp(a.ci[0])}, ${signedPp(a.ci[1])}], p=${a.p < 0.001 ? '<0.001' : a.p.toFixed(3)}, ${a.pairs} pairs`
    : '  asymmetry: needs judged sensitive items with judged matched controls';
  return [head, table(rows), asym, ''].join('\n');
}

const signedPp = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** Columns padded to equal widths: the first left-aligned, the rest right-aligned (numbers) unless `align` is 'left'. */
export function table(rows: string[][], opts: { align?: 'numbers' | 'left'; indent?: string } = {}): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  const left = (i: number): boolean => i === 0 || opts.align === 'left';
  return rows
    .map((r) => (opts.indent ?? '  ') + r.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ').trimEnd())
    .join('\n');
}
