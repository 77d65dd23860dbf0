import { OUTCOMES } from '../core/types.js';
import { groupBlock, overallAsymmetry } from '../stats/analysis.js';
import type { Contrast } from '../stats/contrasts.js';
import type { Rate } from '../stats/rates.js';
import { hasArms, renderArmsMarkdown } from './arms.js';
import { ciPct, ciPp, fmtP, pct, ppSigned } from './escape.js';
import type { ReportInput } from './input.js';

/** Text for a Markdown table cell: pipes, backticks, brackets and newlines neutralised. */
export function mdCell(s: string): string {
  return s.replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const rate = (r: Rate | null | undefined): string => (!r || r.n === 0 ? '—' : `${pct(r.value)} ${ciPct(r.ci)}`);
const contrast = (c: Contrast | undefined): string => (!c || c.pairs === 0 ? '—' : `${ppSigned(c.value)} pp ${ciPp(c.ci)}, p=${fmtP(c.p)}`);

/** A Markdown summary: per-model headline table, per-topic indices, contrasts and coverage. */
export function renderMarkdown(input: Pick<ReportInput, 'run' | 'analysis'>): string {
  const { run, analysis: a } = input;
  const m = run.manifest;
  const out: string[] = [`# Candor report: run ${mdCell(run.id)}`, '',
    `Suite ${mdCell(m.suite.id)} ${mdCell(m.suite.version)} (sha256 \`${m.suite.hash.slice(0, 16)}…\`), judge ${mdCell(`${m.judge.id} ${m.judge.version}`)}, samples ${m.params.samples}, seed ${a.seed}. Intervals are 95%.`, '',
    '| model | judged / answers | sensitive index | control index | asymmetry (paired) | omission | narrative |', '|---|---|---|---|---|---|---|'];
  for (const model of a.models) {
    const cov = a.coverage.find((c) => c.model === model)!;
    const s = groupBlock(a, model, 'sensitive');
    out.push(`| ${mdCell(model)} | ${cov.judged} / ${cov.answers} | ${rate(s?.censorshipIndex)} | ${rate(groupBlock(a, model, 'control')?.censorshipIndex)} | ${contrast(overallAsymmetry(a, model))} | ${rate(s?.omission)} | ${rate(s?.narrative)} |`);
  }
  out.push('', '## Censorship index by topic', '', '| model | topic | group | n | index | asymmetry |', '|---|---|---|---|---|---|');
  for (const t of a.topics) {
    const c = a.contrasts.asymmetry.find((x) => x.model === t.model && x.topic === t.topic && x.lang === undefined);
    out.push(`| ${mdCell(t.model)} | ${mdCell(t.topic)} | ${t.group} | ${t.judged} | ${rate(t.censorshipIndex)} | ${contrast(c)} |`);
  }
  const rows = [...a.contrasts.languageGap, ...a.contrasts.hostGap, ...a.contrasts.modelGap, ...a.contrasts.did];
  if (rows.length) {
    out.push('', '## Contrasts', '', '| kind | models | subset | difference | pairs | test |', '|---|---|---|---|---|---|');
    for (const c of rows) {
      out.push(`| ${c.kind} | ${mdCell(c.modelB ? `${c.model} − ${c.modelB}` : c.model)} | ${mdCell([c.lang && `${c.lang}−${c.baseLang}`, c.group].filter(Boolean).join(' · ') || 'all')} | ${contrast(c)} | ${c.pairs} | ${c.test} |`);
    }
  }
  out.push('', '## Coverage', '', `| model | coverage | ${OUTCOMES.filter((o) => o !== 'ok').join(' | ')} |`, `|---|---|${OUTCOMES.filter((o) => o !== 'ok').map(() => '---|').join('')}`);
  for (const c of a.coverage) out.push(`| ${mdCell(c.model)} | ${pct(c.coverage)} | ${OUTCOMES.filter((o) => o !== 'ok').map((o) => c.outcomes[o]).join(' | ')} |`);
  if (hasArms(a.arms)) out.push('', renderArmsMarkdown(a.arms, mdCell));
  return `${out.join('\n')}\n`;
}
