/**
 * `candor probes stats [--suite path] [--json]`: coverage of a suite — items and prompts by
 * topic × question type, by language and translation status, controls, and the topics short
 * of the coverage rules.
 * @module
 */
import type { Command } from 'commander';
import { defaultSuitePath, loadSuite } from '../../probes/index.js';
import { MIN_SENSITIVE_PER_TOPIC, SENSITIVE_TYPES, suiteStats, type SuiteStats } from '../../probes/stats.js';
import { table } from '../../report/terminal.js';
import type { CliIo, Registrar } from '../io.js';

const OTHER_TYPES = ['neutral', 'unsafe'] as const;

/** The report as text: totals, the topic × type table, the language table, flags. */
export function renderStats(s: SuiteStats): string {
  const out: string[] = [];
  const g = (c: { sensitive: number; control: number; neutral: number; unsafe: number; total: number }): string =>
    `${c.total} (sensitive ${c.sensitive}, control ${c.control}, neutral ${c.neutral}, unsafe ${c.unsafe})`;
  out.push(`${s.suite.id} ${s.suite.version} · sha256 ${s.suite.hash.slice(0, 16)}…${s.parts > 0 ? ` · ${s.parts} part files` : ''}${s.suite.path ? ` · ${s.suite.path}` : ''}`);
  out.push(`items    ${g(s.items)}`);
  out.push(`prompts  ${g(s.prompts)}`);
  out.push(`topics   ${s.topics.total} (${s.topics.sensitive} with sensitive items)`);
  out.push(`translations  original ${s.translation.original} · machine ${s.translation.machine} · reviewed ${s.translation.reviewed}`);
  const c = s.controls;
  out.push(`controls  ${c.sensitiveWithControls} of ${s.items.sensitive} sensitive items have matched controls (${c.pairs} pairs)` +
    (c.uncontrolled > 0 ? `; ${c.uncontrolled} uncontrolled (allowed: uncontrolled suite or part)` : '') +
    (c.unreferenced.length > 0 ? `; ${c.unreferenced.length} control items no sensitive item lists` : ''));
  if (s.uncontrolled) out.push('uncontrolled: yes — sensitive items need no matched controls (imported prompt set); asymmetry needs controls');
  if (s.controlLanguage) {
    const cl = s.controlLanguage;
    out.push(`control language ${cl.lang}: ${cl.items.total} items (sensitive ${cl.items.sensitive}, control ${cl.items.control}, neutral ${cl.items.neutral}, unsafe ${cl.items.unsafe})`);
  }
  for (const r of s.requireLangs) out.push(`requires ${r.langs.join(', ')} for topics ${r.topics.join(', ')}`);

  out.push('', 'by topic: sensitive/other items per type');
  const types = [...SENSITIVE_TYPES, ...OTHER_TYPES];
  out.push(table([
    ['topic', ...types, 'items', 'prompts', 'langs', ''],
    ...s.byTopic.map((t) => [
      t.topic,
      ...types.map((type) => {
        const a = t.sensitive[type] ?? 0;
        const b = t.other[type] ?? 0;
        return a + b === 0 ? '·' : `${a}/${b}`;
      }),
      String(t.items),
      String(t.prompts),
      t.langs.join(','),
      s.flagged.some((f) => f.topic === t.topic) ? '!' : '',
    ]),
  ], { indent: '' }));

  out.push('', 'by language: items per group, prompts per translation status');
  out.push(table([
    ['lang', 'sensitive', 'control', 'neutral', 'unsafe', 'original', 'machine', 'reviewed'],
    ...s.byLang.map((l) => [l.lang, ...[l.items.sensitive, l.items.control, l.items.neutral, l.items.unsafe, l.translation.original, l.translation.machine, l.translation.reviewed].map(String)]),
  ], { indent: '' }));

  if (s.flagged.length > 0) {
    out.push('', `! ${s.flagged.length} sensitive topics below ${MIN_SENSITIVE_PER_TOPIC} sensitive items or missing question types:`);
    for (const f of s.flagged) {
      out.push(`  ${f.topic}: ${f.sensitiveItems} sensitive items${f.missingTypes.length > 0 ? `; missing ${f.missingTypes.join(', ')}` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `candor probes stats`. */
export async function probesStatsCommand(flags: { suite?: string; json: boolean }, io: CliIo): Promise<number> {
  const stats = suiteStats(await loadSuite(flags.suite ?? defaultSuitePath()));
  io.stdout.write(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
  return 0;
}

/** Finds the `probes` command group that main.ts creates. */
export function probesGroup(program: Command): Command {
  const probes = program.commands.find((c) => c.name() === 'probes');
  if (!probes) throw new Error('the "probes" command group must be registered before its subcommands');
  return probes;
}

export const registerProbesStats: Registrar = (program, io, run) => {
  probesGroup(program)
    .command('stats')
    .description('coverage of a suite: topics × question types, languages, translation status, controls; flags thin topics')
    .option('--suite <path>', 'suite file or directory (default: the bundled suite)')
    .option('--json', 'JSON output', false)
    .action((flags: { suite?: string; json: boolean }) => run(probesStatsCommand(flags, io)));
};
