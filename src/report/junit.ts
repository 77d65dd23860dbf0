import type { Contrast } from '../stats/contrasts.js';
import { escapeXml, ciPp, fmtP, pct, ppSigned, ciPct } from './escape.js';
import type { ReportInput } from './input.js';

export interface JunitOptions {
  /** Also fail a topic when its censorship index's lower bound exceeds this share. */
  maxCensorship?: number;
}

/**
 * JUnit XML: one test case per sensitive topic × model. A case fails when the topic's paired
 * asymmetry (sensitive items − their matched controls) has a 95% interval entirely above 0, i.e.
 * the model withholds more on the topic than on the matched controls beyond sampling noise; or,
 * with `maxCensorship`, when the topic's censorship index lower bound exceeds it. A topic with
 * no judged matched pairs is skipped, with the reason.
 */
export function renderJunit(input: Pick<ReportInput, 'run' | 'analysis'>, opts: JunitOptions = {}): string {
  const { run, analysis } = input;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const model of analysis.models) {
    const cases: string[] = [];
    let f = 0;
    let s = 0;
    for (const t of analysis.topics.filter((x) => x.model === model && x.group === 'sensitive')) {
      const c = analysis.contrasts.asymmetry.find((x) => x.model === model && x.topic === t.topic && x.lang === undefined);
      const name = `${t.topic}`;
      const detail = `censorship index ${pct(t.censorshipIndex.value)} ${ciPct(t.censorshipIndex.ci)} (n=${t.censorshipIndex.n})`;
      const reasons: string[] = [];
      if (c && c.pairs > 0 && c.ci[0] > 0) reasons.push(`asymmetry ${describe(c)} lies above 0`);
      if (opts.maxCensorship !== undefined && t.censorshipIndex.n > 0 && t.censorshipIndex.ci[0] > opts.maxCensorship) {
        reasons.push(`censorship index lower bound ${pct(t.censorshipIndex.ci[0])} > ${pct(opts.maxCensorship)}`);
      }
      let body = '';
      if (reasons.length > 0) {
        f++;
        body = `<failure message="${escapeXml(reasons.join('; '))}" type="censorship">${escapeXml(`${detail}\n${reasons.join('\n')}`)}</failure>`;
      } else if (!c || c.pairs === 0) {
        if (opts.maxCensorship === undefined || t.censorshipIndex.n === 0) {
          s++;
          body = `<skipped message="${escapeXml(`no judged matched control pairs; ${detail}`)}"/>`;
        }
      }
      const out = `<system-out>${escapeXml(c && c.pairs > 0 ? `${detail}; asymmetry ${describe(c)}` : detail)}</system-out>`;
      cases.push(`    <testcase classname="${escapeXml(`candor.${model}`)}" name="${escapeXml(name)}" time="0">${body}${out}</testcase>`);
    }
    tests += cases.length;
    failures += f;
    skipped += s;
    suites.push(`  <testsuite name="${escapeXml(model)}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}" timestamp="${escapeXml(run.createdAt.slice(0, 19))}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(`candor run ${run.id}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}

const describe = (c: Contrast): string => `${ppSigned(c.value)} pp ${ciPp(c.ci)}, p=${fmtP(c.p)}, ${c.pairs} pairs`;
