import type { RunRow } from '../../core/manifest.js';
import { LABELS, OUTCOMES } from '../../core/types.js';
import { escapeHtml } from '../../report/escape.js';
import type { AnswerFilter, AnswerRow } from '../../store/types.js';
import { answerCard } from './answer-card.js';
import { href, link, page } from './layout.js';

export interface AnswersView {
  run: RunRow;
  filter: AnswerFilter;
  rows: readonly AnswerRow[];
  total: number;
  page: number;
  perPage: number;
}

const select = (name: string, values: readonly string[], current: string | undefined): string =>
  `<label>${name} <select name="${name}"><option value="">all</option>${values.map((v) => `<option value="${escapeHtml(v)}"${v === current ? ' selected' : ''}>${escapeHtml(v)}</option>`).join('')}</select></label>`;
const input = (name: string, current: string | undefined): string => `<label>${name} <input name="${name}" size="12" value="${escapeHtml(current ?? '')}"></label>`;

/** One page of a run's transcripts with a filter form (GET) and links to the neighbouring pages. */
export function answersPage(v: AnswersView): string {
  const { run, filter: f } = v;
  const pages = Math.max(1, Math.ceil(v.total / v.perPage));
  const from = v.total === 0 ? 0 : (v.page - 1) * v.perPage + 1;
  const at = (p: number): string => href(['runs', run.id, 'answers'], { ...f, page: p });
  const pager = `<div class="pager">${v.page > 1 ? `<a rel="prev" href="${at(v.page - 1)}">← previous</a>` : ''}<span>answers ${from}–${from === 0 ? 0 : from + v.rows.length - 1} of <b id="total">${v.total}</b> · page ${v.page} of ${pages}</span>${v.page < pages ? `<a rel="next" href="${at(v.page + 1)}">next →</a>` : ''}</div>`;
  const form = `<form class="filters" method="get" action="${href(['runs', run.id, 'answers'])}">${select('model', run.models, f.model)}${select('label', LABELS, f.label)}${select('outcome', OUTCOMES, f.outcome)}` +
    `${input('topic', f.topic)}${input('lang', f.lang)}${input('arm', f.arm)}<button type="submit">Filter</button> ${link(href(['runs', run.id, 'answers']), 'clear')}</form>`;
  const body = `<h1>Transcripts · run ${link(href(['runs', run.id]), run.id)}</h1>${form}${pager}
<div id="answers">${v.rows.map((a) => answerCard(a)).join('\n') || '<p>No answer matches.</p>'}</div>${v.total > v.perPage ? pager : ''}`;
  return page(`Transcripts ${run.id}`, body);
}
