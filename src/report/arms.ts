import { BASELINE_ARM } from '../core/types.js';
import type { ArmsAnalysis, ItemShare, ModelArms } from '../stats/arms.js';
import { ciPct, ciPp, escapeHtml, pct, ppSigned } from './escape.js';

/** Cells of the arms tables as plain text; each renderer escapes them for its format. */
interface ArmTables {
  arms: string[][];
  suppression: string[][];
  indirect: string[][];
  hostGap: string[][];
}

const share = (s: ItemShare | null | undefined): string => (!s || s.n === 0 ? '—' : `${pct(s.rate)} ${ciPct(s.ci)} (${s.k}/${s.n})`);

/** True when a run has arms other than direct to show. */
export const hasArms = (a: ArmsAnalysis | undefined): a is ArmsAnalysis => a !== undefined && a.arms.some((x) => x !== BASELINE_ARM);

function tables(a: ArmsAnalysis): ArmTables {
  const arms: string[][] = [['model', 'arm', 'status', 'judged', 'excluded', 'censorship index', 'sensitive index', 'note']];
  const suppression: string[][] = [['model', 'under', 'knows but withheld (items)', 'censored in direct']];
  const indirect: string[][] = [['model', 'topic', 'direct-type index', 'indirect-type index', 'indirect − direct']];
  const hostGap: string[][] = [['models', 'difference (sensitive)', 'pairs']];
  for (const m of a.models) {
    for (const name of a.arms) arms.push(armRow(m, name));
    suppression.push([m.model, 'any arm', share(m.suppression), String(m.suppression.censoredItems)]);
    for (const [arm, s] of Object.entries(m.suppression.byArm)) suppression.push([m.model, arm, share(s), '']);
    for (const t of m.suppression.byTopic) suppression.push([m.model, `any arm · ${t.topic}`, share(t), '']);
    if (m.thoughtSuppression) suppression.push([m.model, 'thought suppression (direct, sensitive)', share(m.thoughtSuppression), '']);
    for (const t of m.indirect) {
      indirect.push([m.model, t.topic, `${pct(t.direct.censorshipIndex)} (n=${t.direct.n})`, `${pct(t.indirect.censorshipIndex)} (n=${t.indirect.n})`, `${ppSigned(t.difference)} pp ${ciPp(t.ci)}`]);
    }
    for (const c of m.hostGap) if (c.model === m.model) hostGap.push([`${c.model} − ${c.modelB ?? ''}`, c.pairs === 0 ? '—' : `${ppSigned(c.value)} pp ${ciPp(c.ci)}`, String(c.pairs)]);
  }
  return { arms, suppression, indirect, hostGap };
}

function armRow(m: ModelArms, name: string): string[] {
  const s = m.arms[name];
  if (!s) return [m.model, name, 'unsupported', '—', '—', '—', '—', 'not asked: the endpoint cannot run this arm'];
  const note = [
    s.status === 'unverified' ? 'prefill support of this endpoint not verified' : '',
    s.status === 'analysis' ? 'indirect-type items of the direct arm' : '',
    s.notFollowedUp !== undefined ? `${s.notFollowedUp} direct answers not followed up (answered or excluded)` : '',
  ].filter(Boolean).join('; ');
  return [m.model, name, s.status, String(s.n), String(s.excluded),
    s.n === 0 ? '—' : `${pct(s.censorshipIndex)} ${ciPct(s.censorshipIndexCI)}`,
    s.sensitive.n === 0 ? '—' : `${pct(s.sensitive.censorshipIndex)} ${ciPct(s.sensitive.censorshipIndexCI)}`, note];
}

const NOTE = 'Knows but withheld: of the sensitive items censored in the direct arm, the share whose facts the model gives under another arm (fact coverage ≥ 0.5, or ANSWERED/PARTIAL with facts); Wilson intervals over items. Unsupported arms were never asked and count nowhere.';

/** The arms as plain-text tables for the terminal. Arm names and model specs come from the user, not the model. */
export function renderArmsText(a: ArmsAnalysis, pad: (rows: string[][]) => string): string {
  const t = tables(a);
  const out = ['arms side by side', pad(t.arms), '', 'suppression', pad(t.suppression)];
  if (t.indirect.length > 1) out.push('', 'indirect vs direct items (direct arm)', pad(t.indirect));
  if (t.hostGap.length > 1) out.push('', 'host gap', pad(t.hostGap));
  return `${out.join('\n')}\n`;
}

/** The arms sections of the Markdown report. */
export function renderArmsMarkdown(a: ArmsAnalysis, cell: (s: string) => string): string {
  const md = (rows: string[][]): string => [
    `| ${rows[0]!.map(cell).join(' | ')} |`, `|${rows[0]!.map(() => '---|').join('')}`,
    ...rows.slice(1).map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
  const t = tables(a);
  const out = ['## Arms', '', md(t.arms), '', '### Suppression', '', NOTE, '', md(t.suppression)];
  if (t.indirect.length > 1) out.push('', '### Indirect vs direct items', '', md(t.indirect));
  if (t.hostGap.length > 1) out.push('', '### Host gap', '', md(t.hostGap));
  return out.join('\n');
}

/** The arms section of the HTML report; every cell escaped. */
export function renderArmsHtml(a: ArmsAnalysis): string {
  const html = (rows: string[][]): string => `<table><tr>${rows[0]!.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${rows.slice(1)
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
  const t = tables(a);
  return `<section id="arms"><h2>Arms</h2><p class="note">Each arm asks the same items under another condition (docs/ARMS.md); the summary above is the direct arm.</p>${html(t.arms)}` +
    `<h3>Suppression</h3><p class="note">${escapeHtml(NOTE)}</p>${html(t.suppression)}` +
    (t.indirect.length > 1 ? `<h3>Indirect vs direct items</h3>${html(t.indirect)}` : '') +
    (t.hostGap.length > 1 ? `<h3>Host gap</h3>${html(t.hostGap)}` : '') + '</section>';
}
