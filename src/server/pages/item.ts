import type { RunRow } from '../../core/manifest.js';
import { escapeHtml } from '../../report/escape.js';
import type { AnswerRow } from '../../store/types.js';
import { answerCard } from './answer-card.js';
import { href, link, page } from './layout.js';

/** One item of a run: for each language, every model's answers side by side. */
export function itemPage(run: RunRow, probeId: string, answers: readonly AnswerRow[]): string {
  const a0 = answers[0]!;
  const langs = [...new Set(answers.map((a) => a.lang))];
  const sections = langs.map((lang) => {
    const mine = answers.filter((a) => a.lang === lang);
    return `<section class="lang" data-lang="${escapeHtml(lang)}"><h2>${escapeHtml(lang)}</h2><div class="grid">${mine.map((a) => answerCard(a)).join('')}</div></section>`;
  });
  const controls = a0.controls.length
    ? `<p class="note">Matched controls: ${a0.controls.map((c) => link(href(['runs', run.id, 'item'], { probe: c }), c)).join(', ')}</p>` : '';
  const head = `<h1>Item ${escapeHtml(probeId)}</h1><p class="note">run ${link(href(['runs', run.id]), run.id)} · topic ${escapeHtml(a0.topic)} · type ${escapeHtml(a0.qtype)} · ${a0.sensitive ? 'sensitive' : 'control or neutral'} · ${answers.length} answers in ${langs.length} language(s)</p>${controls}`;
  return page(`Item ${probeId}`, head + sections.join('\n'));
}
