import type { AnswerRow } from '../store/types.js';
import { escapeHtml, highlight } from './escape.js';
import type { TranscriptSet } from './input.js';

/** The filter script; its sha256 goes into the page's Content-Security-Policy. */
export const FILTER_SCRIPT = `(function(){var q=document.getElementById('q'),l=document.getElementById('fl'),m=document.getElementById('fm'),n=document.getElementById('shown');
function run(){var t=q.value.toLowerCase(),lv=l.value,mv=m.value,k=0,ds=document.querySelectorAll('#transcripts details');
for(var i=0;i<ds.length;i++){var d=ds[i],ok=(!lv||d.getAttribute('data-label')===lv)&&(!mv||d.getAttribute('data-model')===mv)&&(!t||d.textContent.toLowerCase().indexOf(t)>=0);d.hidden=!ok;if(ok)k++;}
n.textContent=String(k);}
q.addEventListener('input',run);l.addEventListener('change',run);m.addEventListener('change',run);})();`;

function answerDetails(a: AnswerRow): string {
  const label = a.label ?? a.outcome;
  const head = `<summary><span class="tag t-${escapeHtml(label)}">${escapeHtml(label)}</span> ${escapeHtml(a.topic)} · ${escapeHtml(a.probeId)} · ${escapeHtml(a.lang)} · #${a.sample} · <span class="mdl">${escapeHtml(a.model)}</span></summary>`;
  const parts = [`<p class="q"><b>Prompt</b></p><pre lang="${escapeHtml(a.lang)}">${escapeHtml(a.prompt)}</pre>`];
  parts.push(`<p class="q"><b>Answer</b> (outcome ${escapeHtml(a.outcome)}${a.finishReason ? `, finish ${escapeHtml(a.finishReason)}` : ''}${a.cached ? ', cached' : ''})</p>`);
  parts.push(`<pre lang="${escapeHtml(a.lang)}">${highlight(a.text, a.evidence, 'text')}</pre>`);
  if (a.reasoning) parts.push(`<p class="q"><b>Reasoning</b></p><pre class="rs" lang="${escapeHtml(a.lang)}">${highlight(a.reasoning, a.evidence, 'reasoning')}</pre>`);
  if (a.error) parts.push(`<p class="q"><b>Error</b></p><pre>${escapeHtml(a.error)}</pre>`);
  const ev = (a.evidence ?? []).map((e) => `<li>${escapeHtml(e.kind)}: <mark>${escapeHtml(e.match)}</mark> (${escapeHtml(e.field)})</li>`).join('');
  if (ev) parts.push(`<p class="q"><b>Evidence</b></p><ul>${ev}</ul>`);
  if (a.scores) {
    const flags = a.scores.narrativeFlags.map((f) => `${f.id} (${f.severity})`).join(', ');
    parts.push(`<p class="sc">fact coverage ${a.scores.factCoverage === null ? 'n/a' : a.scores.factCoverage.toFixed(2)}; narrative flags ${escapeHtml(flags || 'none')}; judge ${escapeHtml(a.judge ?? '')}</p>`);
  }
  return `<details data-label="${escapeHtml(label)}" data-model="${escapeHtml(a.model)}">${head}${parts.join('')}</details>`;
}

/** The transcript browser: a filter bar and one <details> per kept answer. */
export function transcriptSection(t: TranscriptSet, models: readonly string[], labels: readonly string[]): string {
  const note = t.rows.length < t.total
    ? `Showing ${t.rows.length} of ${t.total} answers: at most ${t.perCell} per topic × model, answers other than ANSWERED first. The JSON and CSV reports hold every answer.`
    : `All ${t.total} answers.`;
  const opts = (xs: readonly string[]): string => xs.map((x) => `<option value="${escapeHtml(x)}">${escapeHtml(x)}</option>`).join('');
  return `<section id="transcripts-section"><h2>Transcripts</h2><p class="note">${escapeHtml(note)}</p>
<div class="filters"><label>Search <input id="q" type="search"></label> <label>Label <select id="fl"><option value="">all</option>${opts(labels)}</select></label>
<label>Model <select id="fm"><option value="">all</option>${opts(models)}</select></label> <span><span id="shown">${t.rows.length}</span> shown</span></div>
<div id="transcripts">${t.rows.map(answerDetails).join('\n')}</div></section>`;
}
