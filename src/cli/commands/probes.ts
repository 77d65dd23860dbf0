import { defaultSuitePath, loadSuite, type LoadedSuite } from '../../probes/index.js';
import { table } from '../../report/terminal.js';
import type { CliIo } from '../io.js';

interface ItemView {
  id: string;
  version: number;
  topic: string;
  type: string;
  sensitive: boolean;
  langs: string[];
  controls: string[];
  /** Present (true) on sensitive items exempt from matched controls (their suite or part is `uncontrolled`). */
  uncontrolled?: true;
}

function items(suite: LoadedSuite): ItemView[] {
  const exempt = new Set(suite.uncontrolledIds);
  return suite.items.map((i) => {
    const view: ItemView = { id: i.id, version: i.version, topic: i.topic, type: i.type, sensitive: i.sensitive, langs: Object.keys(i.prompts), controls: [...i.controls] };
    if (i.sensitive && i.controls.length === 0 && exempt.has(i.id)) view.uncontrolled = true;
    return view;
  });
}

/** `candor probes list`. */
export async function probesListCommand(flags: { suite?: string; json: boolean }, io: CliIo): Promise<number> {
  const suite = await loadSuite(flags.suite ?? defaultSuitePath());
  const list = items(suite);
  if (flags.json) {
    const { id, version, hash, path } = suite.info;
    const info = { id, version, hash, path, uncontrolled: suite.rules.uncontrolled, parts: suite.parts };
    io.stdout.write(`${JSON.stringify({ suite: info, items: list }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${suite.info.id} ${suite.info.version} · ${list.length} items · ${suite.probes.length} prompts · sha256 ${suite.info.hash.slice(0, 16)}…` +
    `${suite.rules.uncontrolled ? ' · uncontrolled (no matched controls)' : ''}\n`);
  io.stdout.write(table([
    ['id', 'topic', 'type', 'sensitive', 'langs', 'controls'],
    ...list.map((i) => [i.id, i.topic, i.type, i.sensitive ? 'yes' : 'no', i.langs.join(','), i.uncontrolled ? '(uncontrolled)' : i.controls.join(',')]),
  ], { align: 'left', indent: '' }) + '\n');
  return 0;
}

/** `candor probes validate <path>`: exit 0 and a one-line summary, or every problem with its location (exit 2). */
export async function probesValidateCommand(path: string, io: CliIo): Promise<number> {
  const suite = await loadSuite(path);
  const list = items(suite);
  const parts = suite.parts.length > 0 ? ` · ${suite.parts.length} part files` : '';
  const fi = suite.rules.controlLanguage;
  const inControl = fi === undefined ? '' : ` · ${list.filter((i) => i.langs.includes(fi)).length} items in ${fi}`;
  io.stdout.write(`${path}: ok · ${list.length} items (${list.filter((i) => i.sensitive).length} sensitive)${parts}${inControl} · ${suite.probes.length} prompts · sha256 ${suite.info.hash}` +
    `${suite.rules.uncontrolled ? ' · uncontrolled' : ''}\n`);
  return 0;
}
