import { LABELS } from '../../core/types.js';
import { escapeHtml } from '../../report/escape.js';
import type { AnswerRow } from '../../store/types.js';
import { answerCard } from './answer-card.js';
import { href, link, page } from './layout.js';

/** The review form of one answer: the answer in full, then a POST form carrying the CSRF token. */
export function reviewPage(a: AnswerRow, csrf: string, opts: { saved?: boolean; error?: string } = {}): string {
  const options = LABELS.map((l) => `<option value="${l}"${l === (a.label ?? '') ? ' selected' : ''}>${l}</option>`).join('');
  const form = `<form class="review" method="post" action="${href(['answers', a.id, 'review'])}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label>Label <select name="label" id="label">${options}</select></label>
<label>Reason (required) <textarea name="reason" id="reason" rows="3" maxlength="2000" required></textarea></label>
<label>Reviewer (optional) <input name="author" id="author" maxlength="100"></label>
<button type="submit" id="save">Save override</button></form>`;
  const status = opts.saved ? '<p class="ok" id="saved">Override saved. The statistics use it from now on; the judge\'s verdict is kept.</p>'
    : opts.error ? `<p class="err" id="error">${escapeHtml(opts.error)}</p>` : '';
  return page(`Review answer ${a.id}`, `<h1>Review answer ${a.id}</h1><p class="note">run ${link(href(['runs', a.runId]), a.runId)} · current label ${escapeHtml(a.label ?? a.outcome)} · judge's label ${escapeHtml(a.judgeLabel ?? 'none')}</p>${status}${answerCard(a)}<h2>Override the verdict</h2>${a.outcome === 'ok' ? form : '<p class="note">Only answers with outcome ok are judged; this one is excluded from the rates and cannot be relabelled.</p>'}`);
}
