import type { RunRow } from '../../core/manifest.js';
import { ciPct, ciPp, escapeHtml, fmtP, pct, ppSigned } from '../../report/escape.js';
import { groupBlock, overallAsymmetry } from '../../stats/analysis.js';
import type { Contrast } from '../../stats/contrasts.js';
import type { Rate } from '../../stats/rates.js';
import type { Comparison } from '../compare-data.js';
import { href, link, page } from './layout.js';

const rate = (r: Rate | null | undefined): string => (!r || r.n === 0 ? '—' : `${pct(r.value)} <small>${ciPct(r.ci)}</small>`);
const contrast = (c: Contrast | undefined): string => (!c || c.pairs === 0 ? 'no shared items'
  : `${ppSigned(c.value)} pp <small>${ciPp(c.ci)} p=${fmtP(c.p)}, ${c.pairs} pairs / ${c.items} items</small>${c.ci[0] > 0 || c.ci[1] < 0 ? ' <b>(interval excludes 0)</b>' : ''}`);

/** The subject picker: every model of every run as a checkbox. */
function picker(runs: readonly RunRow[], chosen: ReadonlySet<string>): string {
  const rows = runs.flatMap((run) => run.models.map((model, i) => {
    const ref = `${run.id}~${i}`;
    return `<tr><td><label><input type="checkbox" name="s" value="${escapeHtml(ref)}"${chosen.has(ref) ? ' checked' : ''}> ${escapeHtml(model)}</label></td><td class="l">${escapeHtml(run.id)}</td><td class="l">${escapeHtml(run.status)}</td></tr>`;
  }));
  return `<form method="get" action="/compare" id="pick"><table><tr><th>model</th><th class="l">run</th><th class="l">status</th></tr>${rows.join('')}</table><button type="submit" id="compare-go">Compare</button></form>`;
}

/** The compare page: the picker, then (with two or more subjects) rates side by side, paired contrasts and the items where they differ. */
export function comparePage(runs: readonly RunRow[], c: Comparison | undefined): string {
  const chosen = new Set(c?.subjects.map((s) => s.ref) ?? []);
  const parts = ['<h1>Compare</h1><p class="note">Pick two or more models, from one run or several. Contrasts pair the same items (probe id and language) in the baseline arm; each is the other model minus the first.</p>'];
  if (c) {
    const a = c.analysis;
    const labels = c.subjects.map((s) => s.label);
    const col = (f: (l: string) => string): string => labels.map((l) => `<td>${f(l)}</td>`).join('');
    parts.push(`<h2>Side by side</h2><table id="side"><tr><th></th>${c.subjects.map((s, i) => `<th>[${i + 1}] ${escapeHtml(s.label)}<br><small>run ${link(href(['runs', s.run.id]), s.run.id)}</small></th>`).join('')}</tr>
<tr><td>judged / answers</td>${col((l) => { const x = a.coverage.find((y) => y.model === l); return x ? `${x.judged} / ${x.answers}` : '0 / 0'; })}</tr>
<tr><td>sensitive index</td>${col((l) => rate(groupBlock(a, l, 'sensitive')?.censorshipIndex))}</tr>
<tr><td>control index</td>${col((l) => rate(groupBlock(a, l, 'control')?.censorshipIndex))}</tr>
<tr><td>asymmetry</td>${col((l) => { const x = overallAsymmetry(a, l); return !x || x.pairs === 0 ? '—' : `${ppSigned(x.value)} pp <small>${ciPp(x.ci)}</small>`; })}</tr>
<tr><td>narrative (sensitive)</td>${col((l) => rate(groupBlock(a, l, 'sensitive')?.narrative))}</tr></table>`);
    parts.push(`<h2>Paired against [1]</h2><table id="contrasts"><tr><th>model</th><th class="l">sensitive index (McNemar mid-p)</th><th class="l">difference in differences</th></tr>${c.versusFirst.map((v) =>
      `<tr><td>[${labels.indexOf(v.label) + 1}] − [1]</td><td class="l">${contrast(v.gap)}</td><td class="l">${contrast(v.did)}</td></tr>`).join('')}</table>`);
    const first = c.subjects[0]!;
    const rows = c.differences.map((d) => {
      const other = c.subjects.find((s) => s.label === d.other)!;
      return `<tr><td>${link(href(['runs', first.run.id, 'item'], { probe: d.probeId }), d.probeId)}${other.run.id !== first.run.id ? ` · ${link(href(['runs', other.run.id, 'item'], { probe: d.probeId }), `in ${other.run.id}`)}` : ''}</td>` +
        `<td class="l">${escapeHtml(d.lang)}</td><td class="l">${escapeHtml(d.topic)}</td><td>${pct(d.first, 0)}</td><td>${pct(d.second, 0)} [${labels.indexOf(d.other) + 1}]</td><td>${ppSigned(d.second - d.first)}</td></tr>`;
    });
    parts.push(`<h2>Items where they differ most</h2><p class="note">Share of each item's judged draws that were censored.</p>${rows.length ? `<table id="differences"><tr><th>item</th><th class="l">lang</th><th class="l">topic</th><th>[1]</th><th>other</th><th>Δ pp</th></tr>${rows.join('')}</table>` : '<p>No shared item differs.</p>'}`);
  }
  parts.push('<h2>Choose models</h2>', picker(runs, chosen));
  return page('Compare', parts.join('\n'));
}
