import type { RunRow } from '../../core/manifest.js';
import { escapeHtml, pct } from '../../report/escape.js';
import type { RunProgress } from '../run-progress.js';
import { href, link, page } from './layout.js';

/** The runs list, newest first, with live progress for running audits. */
export function runsPage(runs: readonly { run: RunRow; progress: RunProgress }[]): string {
  if (runs.length === 0) return page('Runs', '<h1>Runs</h1><p>No runs in this database yet. Start one with <code>candor audit</code>.</p>');
  const rows = runs.map(({ run, progress: p }) => {
    const m = run.manifest;
    const live = `<td class="l"><span class="status">${escapeHtml(run.status)}</span>` +
      (run.status === 'running' ? ` <progress max="${Math.max(p.planned, 1)}" value="${Math.min(p.stored, Math.max(p.planned, 1))}"></progress>` : '') + '</td>';
    return `<tr data-progress="${escapeHtml(run.id)}" data-status="${escapeHtml(run.status)}"><td>${link(href(['runs', run.id]), run.id)}</td>${live}<td class="l">${escapeHtml(run.createdAt.slice(0, 19).replace('T', ' '))}</td>` +
      `<td class="l">${run.models.map((x) => escapeHtml(x)).join('<br>')}</td><td class="l">${escapeHtml(`${m.suite.id} ${m.suite.version}`)}</td>` +
      `<td><span class="stored">${p.stored}</span> / <span class="planned">${p.planned}</span></td>` +
      `<td>${p.stored === 0 ? '—' : `${p.judged} (${pct(p.judged / p.stored)})`}</td></tr>`;
  });
  return page('Runs', `<h1>Runs</h1><p class="note">Newest first. Stored / planned counts answers in the baseline arm; judged counts answers with outcome ok and a label (the rest are excluded from every rate, never counted as refusals).</p>
<table><tr><th>run</th><th class="l">status</th><th class="l">created (UTC)</th><th class="l">models</th><th class="l">suite</th><th>stored / planned</th><th>judged</th></tr>${rows.join('')}</table>`, { progress: runs.some((r) => r.run.status === 'running') });
}
