import { escapeHtml, highlight } from '../../report/escape.js';
import type { AnswerRow } from '../../store/types.js';
import { BASELINE_ARM } from '../../core/types.js';
import { href, link } from './layout.js';

/** The label tag of an answer: its current label, or its outcome when it was not judged. */
export function labelTag(a: AnswerRow): string {
  const label = a.label ?? a.outcome;
  return `<span class="tag t-${escapeHtml(label)}">${escapeHtml(label)}</span>${a.override ? ' <small>(reviewed)</small>' : ''}`;
}

/** Where an answer sits: model, arm (when not the baseline), item, language and draw. */
export function answerPlace(a: AnswerRow, opts: { model?: boolean } = {}): string {
  return [
    opts.model === false ? '' : `<span class="mdl">${escapeHtml(a.model)}</span>`,
    a.arm === BASELINE_ARM ? '' : `<span class="arm">arm ${escapeHtml(a.arm)}</span>`,
    escapeHtml(a.topic), escapeHtml(a.probeId), escapeHtml(a.lang), `#${a.sample}`,
  ].filter(Boolean).join(' · ');
}

/** One answer in full: prompt, answer with evidence marked, collapsible reasoning trace, verdict, override. */
export function answerCard(a: AnswerRow, opts: { model?: boolean; links?: boolean } = {}): string {
  const parts = [`<div class="card" id="a${a.id}" data-answer="${a.id}"><div>${labelTag(a)} ${answerPlace(a, opts)}</div>`];
  parts.push(`<details><summary>Prompt</summary><pre lang="${escapeHtml(a.lang)}">${escapeHtml(a.prompt)}</pre></details>`);
  parts.push(`<pre class="answer" lang="${escapeHtml(a.lang)}">${highlight(a.text, a.evidence, 'text')}</pre>`);
  parts.push(`<p class="note">outcome ${escapeHtml(a.outcome)}${a.finishReason ? ` · finish ${escapeHtml(a.finishReason)}` : ''}${a.cached ? ' · cached' : ''}${a.judge ? ` · judge ${escapeHtml(a.judge)}` : ''}` +
    `${a.scores ? ` · fact coverage ${a.scores.factCoverage === null ? 'n/a' : a.scores.factCoverage.toFixed(2)} · narrative flags ${escapeHtml(a.scores.narrativeFlags.map((f) => f.id).join(', ') || 'none')}` : ''}</p>`);
  if (a.reasoning) parts.push(`<details class="reasoning"><summary>Reasoning trace (${[...a.reasoning].length} characters)</summary><pre class="rs" lang="${escapeHtml(a.lang)}">${highlight(a.reasoning, a.evidence, 'reasoning')}</pre></details>`);
  if (a.error) parts.push(`<p class="note err">error: ${escapeHtml(a.error)}</p>`);
  const ev = (a.evidence ?? []).map((e) => `<li>${escapeHtml(e.kind)}: <mark>${escapeHtml(e.match)}</mark> (${escapeHtml(e.field)})</li>`).join('');
  if (ev) parts.push(`<details><summary>Evidence (${(a.evidence ?? []).length})</summary><ul>${ev}</ul></details>`);
  if (a.override) {
    parts.push(`<p class="note override">Reviewed: ${escapeHtml(a.override.label)} (judge said ${escapeHtml(a.judgeLabel ?? 'nothing')})` +
      `${a.override.author ? ` by ${escapeHtml(a.override.author)}` : ''} at ${escapeHtml(a.override.createdAt)}: ${escapeHtml(a.override.reason)}</p>`);
  }
  if (opts.links !== false) {
    parts.push(`<p class="note">${link(href(['runs', a.runId, 'item'], { probe: a.probeId }), 'item across models and languages')} · ${link(href(['answers', a.id, 'review']), 'review this verdict')}</p>`);
  }
  parts.push('</div>');
  return parts.join('');
}
