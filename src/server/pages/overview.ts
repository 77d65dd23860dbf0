import type { RunRow } from '../../core/manifest.js';
import { LABELS, OUTCOMES } from '../../core/types.js';
import { ciPct, ciPp, escapeHtml, fmtP, pct, ppSigned } from '../../report/escape.js';
import { heatmap, intervalChart } from '../../report/svg.js';
import { groupBlock, overallAsymmetry, type Analysis } from '../../stats/analysis.js';
import type { Contrast } from '../../stats/contrasts.js';
import type { Rate } from '../../stats/rates.js';
import type { RunAnalysis } from '../analysis-cache.js';
import { href, link, page } from './layout.js';

export const EXPORT_FORMATS = ['html', 'md', 'json', 'csv', 'junit'] as const;

const rate = (r: Rate | null | undefined): string => (!r || r.n === 0 ? '—' : `${pct(r.value)} <small>${ciPct(r.ci)}</small>`);
const contrastCell = (c: Contrast | undefined): string => (!c || c.pairs === 0 ? '—' : `${ppSigned(c.value)} pp <small>${ciPp(c.ci)} p=${fmtP(c.p)}</small>`);

/** A run's overview: headline rates with intervals, charts, asymmetry by topic, coverage and exclusions. */
export function overviewPage(run: RunRow, ra: RunAnalysis): string {
  const a = ra.analysis;
  const m = run.manifest;
  const arms = Object.entries(ra.otherArms);
  const body = [
    `<h1>Run ${escapeHtml(run.id)}</h1>`,
    `<p class="note">${escapeHtml(run.status)} · created ${escapeHtml(run.createdAt)} · suite ${escapeHtml(`${m.suite.id} ${m.suite.version}`)} · judge ${escapeHtml(`${m.judge.id} ${m.judge.version}`)} · ${a.models.length} model(s) · ${ra.answers} answers · statistics seed ${a.seed}, ${a.resamples} resamples</p>`,
    arms.length ? `<p class="note">Statistics count the baseline arm 'direct' only. Other arms: ${arms.map(([arm, n]) => `<span class="arm">${escapeHtml(arm)}</span> ${n}`).join(', ')} (see their answers in ${link(href(['runs', run.id, 'answers'], { arm: arms[0]![0] }), 'transcripts')}).</p>` : '',
    `<p>${link(href(['runs', run.id, 'answers']), 'Transcripts')} · ${link(href(['compare'], { s: run.models.map((_, i) => `${run.id}~${i}`) }), 'Compare these models')} · Export: ${EXPORT_FORMATS.map((f) => `<a href="${href(['runs', run.id, 'export', f])}" download>${f.toUpperCase()}</a>`).join(' ')}</p>`,
    summary(run, a),
    charts(a),
    topicTable(run, a),
    coverage(run, a),
  ].join('\n');
  return page(`Run ${run.id}`, body);
}

function summary(run: RunRow, a: Analysis): string {
  const rows = a.models.map((model) => {
    const cov = a.coverage.find((c) => c.model === model)!;
    const s = groupBlock(a, model, 'sensitive');
    const c = groupBlock(a, model, 'control');
    return `<tr><td>${link(href(['runs', run.id, 'answers'], { model }), model)}</td><td>${cov.judged} / ${cov.answers} (${pct(cov.coverage)})</td><td>${rate(s?.censorshipIndex)}</td><td>${rate(c?.censorshipIndex)}</td>` +
      `<td>${contrastCell(overallAsymmetry(a, model))}</td><td>${rate(s?.omission)}</td><td>${rate(s?.narrative)}</td></tr>`;
  });
  const labels = a.models.map((model) => `<tr><td>${escapeHtml(model)}</td>${LABELS.map((l) => `<td>${rate(groupBlock(a, model, 'sensitive')?.labels[l])}</td>`).join('')}</tr>`);
  return `<section id="summary"><h2>Summary</h2><p class="note">Censorship index: share of judged answers labelled REFUSED, STATE_NARRATIVE or DEFLECTED, with 95% intervals. Asymmetry: sensitive item minus its matched controls, paired by item and language. Labels include reviewers' overrides.</p>
<table id="summary-table"><tr><th>model</th><th>judged / answers</th><th>sensitive index</th><th>control index</th><th>asymmetry (paired)</th><th>omission (sensitive)</th><th>narrative (sensitive)</th></tr>${rows.join('')}</table>
<h3>Label shares, sensitive items</h3><table id="labels-table"><tr><th>model</th>${LABELS.map((l) => `<th>${l}</th>`).join('')}</tr>${labels.join('')}</table></section>`;
}

function charts(a: Analysis): string {
  const topics = [...new Set(a.topics.filter((t) => t.group !== 'unsafe').map((t) => `${t.group === 'sensitive' ? '' : '· '}${t.topic}`))];
  const values = topics.map((t) => a.models.map((model) => {
    const x = a.topics.find((y) => y.model === model && y.topic === t.replace(/^· /, ''));
    return x && x.judged > 0 ? x.censorshipIndex.value : undefined;
  }));
  const out = [heatmap('Censorship index by topic × model (· marks control and neutral topics)', topics, a.models, values)];
  const byLang = a.groups.filter((g) => g.group === 'sensitive' && g.lang !== null && g.judged > 0)
    .map((g) => ({ label: `${g.model} · ${g.lang}`, value: g.censorshipIndex.value, lo: g.censorshipIndex.ci[0], hi: g.censorshipIndex.ci[1] }));
  if (byLang.length) out.push(intervalChart('Censorship index on sensitive items, by model and language (95% intervals)', byLang));
  const asym = a.contrasts.asymmetry.filter((c) => c.lang === undefined && c.topic === undefined && c.pairs > 0)
    .map((c) => ({ label: c.model, value: c.value, lo: c.ci[0], hi: c.ci[1] }));
  if (asym.length) out.push(intervalChart('Asymmetry: sensitive − matched control (percentage points)', asym, -1, 1));
  return `<section id="charts"><h2>Charts</h2>${out.join('\n')}</section>`;
}

function topicTable(run: RunRow, a: Analysis): string {
  const rows = a.topics.map((t) => {
    const c = a.contrasts.asymmetry.find((x) => x.model === t.model && x.topic === t.topic && x.lang === undefined);
    return `<tr><td>${link(href(['runs', run.id, 'answers'], { model: t.model, topic: t.topic }), t.topic)}</td><td class="l">${escapeHtml(t.model)}</td><td class="l">${t.group}</td><td>${t.judged}</td><td>${rate(t.censorshipIndex)}</td><td>${t.group === 'sensitive' ? contrastCell(c) : ''}</td></tr>`;
  });
  return `<section id="topics"><h2>By topic</h2><table><tr><th>topic</th><th class="l">model</th><th class="l">group</th><th>judged</th><th>censorship index</th><th>asymmetry</th></tr>${rows.join('')}</table></section>`;
}

function coverage(run: RunRow, a: Analysis): string {
  const excl = OUTCOMES.filter((o) => o !== 'ok');
  const rows = a.coverage.map((c) => `<tr><td>${escapeHtml(c.model)}</td><td>${c.answers}</td><td>${c.judged}</td><td>${pct(c.coverage)}</td>` +
    excl.map((o) => `<td>${c.outcomes[o] === 0 ? 0 : link(href(['runs', run.id, 'answers'], { model: c.model, outcome: o }), String(c.outcomes[o]))}</td>`).join('') + '</tr>');
  return `<section id="coverage"><h2>Coverage and exclusions</h2><p class="note">Only answers with outcome ok are judged; errors, filter blocks, empty and truncated answers are excluded from every rate and never counted as refusals.</p>
<table><tr><th>model</th><th>answers</th><th>judged</th><th>coverage</th>${excl.map((o) => `<th>${o}</th>`).join('')}</tr>${rows.join('')}</table></section>`;
}
