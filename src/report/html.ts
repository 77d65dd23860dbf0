import { createHash } from 'node:crypto';
import { LABELS, OUTCOMES } from '../core/types.js';
import { groupBlock, overallAsymmetry, type Analysis } from '../stats/analysis.js';
import type { Contrast } from '../stats/contrasts.js';
import type { Rate } from '../stats/rates.js';
import { hasArms, renderArmsHtml } from './arms.js';
import { ciPct, ciPp, escapeHtml, fmtP, pct, ppSigned } from './escape.js';
import { FILTER_SCRIPT, transcriptSection } from './html-transcripts.js';
import type { ReportInput } from './input.js';
import { heatmap, intervalChart } from './svg.js';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"WenQuanYi Micro Hei","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1b1b1b;line-height:1.45}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:8px;border-radius:4px;font-family:inherit;font-size:13px}pre.rs{background:#f2f0fa}
mark{background:#ffe58a}details{border-bottom:1px solid #e5e5e5;padding:4px 0}summary{cursor:pointer;font-size:13px}.mdl{color:#555}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:11px;background:#ddd}.t-REFUSED,.t-DEFLECTED,.t-STATE_NARRATIVE{background:#f6c7c7}.t-ANSWERED{background:#cfe8cf}.t-PARTIAL{background:#fde8b5}
.note{color:#555;font-size:13px}figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}.filters{margin:8px 0;font-size:13px}.q{margin:6px 0 2px}.sc{font-size:12px;color:#555}`;

const b64sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

/**
 * The HTML report: one self-contained file (no external resource), a strict
 * Content-Security-Policy whose style and script sources are the sha256 of the inline blocks,
 * server-side SVG charts, a methods section and the transcript browser. Every model-controlled
 * string is escaped.
 */
export function renderHtml(input: ReportInput): string {
  const { run, analysis: a } = input;
  const csp = `default-src 'none'; style-src 'sha256-${b64sha(STYLE)}'; script-src 'sha256-${b64sha(FILTER_SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const body = [
    `<h1>Candor report · run ${escapeHtml(run.id)}</h1>`,
    `<p class="note">suite ${escapeHtml(run.manifest.suite.id)} ${escapeHtml(run.manifest.suite.version)} · ${escapeHtml(run.status)} · ${escapeHtml(run.createdAt)} · ${a.models.length} model(s) · seed ${a.seed}</p>`,
    summarySection(a),
    chartsSection(a),
    contrastSection(a),
    hasArms(a.arms) ? renderArmsHtml(a.arms) : '',
    methodsSection(input),
    transcriptSection(input.transcripts, a.models, [...LABELS, ...OUTCOMES.filter((o) => o !== 'ok')]),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Candor report ${escapeHtml(run.id)}</title>
<style>${STYLE}</style></head>
<body>
${body}
<script>${FILTER_SCRIPT}</script>
</body></html>
`;
}

const rate = (r: Rate | null | undefined): string => (!r || r.n === 0 ? '—' : `${pct(r.value)} <small>${ciPct(r.ci)}</small>`);
const contrastCell = (c: Contrast | undefined): string => (!c || c.pairs === 0 ? '—' : `${ppSigned(c.value)} pp <small>${ciPp(c.ci)} p=${fmtP(c.p)}</small>`);

function summarySection(a: Analysis): string {
  const head = '<tr><th>model</th><th>judged / answers</th><th>sensitive index</th><th>control index</th><th>asymmetry (paired)</th><th>omission (sensitive)</th><th>narrative (sensitive)</th></tr>';
  const rows = a.models.map((m) => {
    const cov = a.coverage.find((c) => c.model === m)!;
    const s = groupBlock(a, m, 'sensitive');
    const c = groupBlock(a, m, 'control');
    return `<tr><td>${escapeHtml(m)}</td><td>${cov.judged} / ${cov.answers} (${pct(cov.coverage)})</td><td>${rate(s?.censorshipIndex)}</td><td>${rate(c?.censorshipIndex)}</td>` +
      `<td>${contrastCell(overallAsymmetry(a, m))}</td><td>${rate(s?.omission)}</td><td>${rate(s?.narrative)}</td></tr>`;
  });
  const labelRows = a.models.map((m) => {
    const s = groupBlock(a, m, 'sensitive');
    return `<tr><td>${escapeHtml(m)}</td>${LABELS.map((l) => `<td>${rate(s?.labels[l])}</td>`).join('')}</tr>`;
  });
  return `<section id="summary"><h2>Summary</h2><p class="note">Censorship index: share of judged answers labelled REFUSED, STATE_NARRATIVE or DEFLECTED, with 95% intervals. Asymmetry: sensitive item minus its matched controls, paired by item and language.</p>
<table>${head}${rows.join('')}</table><h3>Label shares, sensitive items</h3><table><tr><th>model</th>${LABELS.map((l) => `<th>${l}</th>`).join('')}</tr>${labelRows.join('')}</table></section>`;
}

function chartsSection(a: Analysis): string {
  const topics = [...new Set(a.topics.filter((t) => t.group !== 'unsafe').map((t) => `${t.group === 'sensitive' ? '' : '· '}${t.topic}`))];
  const topicName = (t: string): string => t.replace(/^· /, '');
  const values = topics.map((t) => a.models.map((m) => {
    const x = a.topics.find((y) => y.model === m && y.topic === topicName(t));
    return x && x.judged > 0 ? x.censorshipIndex.value : undefined;
  }));
  const charts = [heatmap('Censorship index by topic × model (· marks control and neutral topics)', topics, a.models, values)];
  const byLang = a.groups.filter((g) => g.group === 'sensitive' && g.lang !== null && g.judged > 0)
    .map((g) => ({ label: `${g.model} · ${g.lang}`, value: g.censorshipIndex.value, lo: g.censorshipIndex.ci[0], hi: g.censorshipIndex.ci[1] }));
  if (byLang.length) charts.push(intervalChart('Censorship index on sensitive items, by model and language (95% intervals)', byLang));
  const gaps = a.contrasts.languageGap.filter((c) => c.pairs > 0)
    .map((c) => ({ label: `${c.model} · ${c.lang}−${c.baseLang} · ${c.group}`, value: c.value, lo: c.ci[0], hi: c.ci[1] }));
  if (gaps.length) charts.push(intervalChart('Language gap on paired items (percentage points)', gaps, -1, 1));
  const asym = a.contrasts.asymmetry.filter((c) => c.lang === undefined && c.pairs > 0)
    .map((c) => ({ label: `${c.model} · ${c.topic ?? 'all topics'}`, value: c.value, lo: c.ci[0], hi: c.ci[1] }));
  if (asym.length) charts.push(intervalChart('Asymmetry: sensitive − matched control (percentage points)', asym, -1, 1));
  return `<section id="charts"><h2>Charts</h2>${charts.join('\n')}</section>`;
}

function contrastTable(title: string, cs: readonly Contrast[]): string {
  if (cs.length === 0) return '';
  const rows = cs.map((c) => `<tr><td>${escapeHtml(c.model)}${c.modelB ? ` − ${escapeHtml(c.modelB)}` : ''}</td><td>${escapeHtml([c.topic, c.lang && `${c.lang}−${c.baseLang}`, c.group].filter(Boolean).join(' · ') || 'all')}</td>` +
    `<td>${c.pairs === 0 ? '—' : `${ppSigned(c.value)} pp`}</td><td>${c.pairs === 0 ? '' : ciPp(c.ci)}</td><td>${c.pairs === 0 ? '' : fmtP(c.p)}</td><td>${escapeHtml(c.test)}</td><td>${c.pairs} / ${c.items}</td></tr>`);
  return `<h3>${escapeHtml(title)}</h3><table><tr><th>contrast</th><th>subset</th><th>difference</th><th>95% interval</th><th>p</th><th>test</th><th>pairs / items</th></tr>${rows.join('')}</table>`;
}

function contrastSection(a: Analysis): string {
  return `<section id="contrasts"><h2>Contrasts</h2>${[
    contrastTable('Asymmetry (sensitive − matched control)', a.contrasts.asymmetry),
    contrastTable('Language gap', a.contrasts.languageGap),
    contrastTable('Host gap (same model name, two endpoints)', a.contrasts.hostGap),
    contrastTable('Model vs model (sensitive items)', a.contrasts.modelGap),
    contrastTable('Difference in differences ((sensitive − control) of A − of B)', a.contrasts.did),
  ].join('')}</section>`;
}

function methodsSection(input: ReportInput): string {
  const { run, analysis: a } = input;
  const m = run.manifest;
  const p = m.params;
  const kv = (k: string, v: string): string => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`;
  const cov = a.coverage.map((c) => `<tr><td>${escapeHtml(c.model)}</td><td>${c.answers}</td><td>${c.judged}</td><td>${pct(c.coverage)}</td>${OUTCOMES.filter((o) => o !== 'ok').map((o) => `<td>${c.outcomes[o]}</td>`).join('')}</tr>`);
  return `<section id="methods"><h2>Methods</h2><table>
${kv('suite', `${m.suite.id} ${m.suite.version}`)}${kv('suite sha256', m.suite.hash)}${kv('judge', `${m.judge.id} ${m.judge.version}`)}
${kv('candor', `${m.tool.version}${m.git ? ` @ ${m.git.commit}${m.git.dirty ? ' (dirty)' : ''}` : ''}`)}
${kv('models', m.models.map((x) => `${x.spec} (${x.endpoint})`).join('; '))}
${kv('parameters', `samples ${p.samples}, temperature ${p.temperature ?? 'endpoint default'}, max tokens ${p.maxTokens}, system prompt ${p.systemPrompt ? 'set' : 'none'}, languages ${p.langs?.join('/') ?? 'all'}, topics ${p.topics?.join('/') ?? 'all'}`)}
${kv('run seed / statistics seed', `${p.seed} / ${a.seed}`)}${kv('intervals', `95%; Wilson where each item has one answer, else item-clustered percentile bootstrap (${a.resamples} resamples)`)}
</table><h3>Coverage and exclusions by outcome</h3><p class="note">Only answers with outcome ok are judged; the others are excluded from every rate and never counted as refusals.</p>
<table><tr><th>model</th><th>answers</th><th>judged</th><th>coverage</th>${OUTCOMES.filter((o) => o !== 'ok').map((o) => `<th>${o}</th>`).join('')}</tr>${cov.join('')}</table></section>`;
}
