import type { Probe } from '../../core/types.js';
import { defaultSuitePath, loadSuite } from '../../probes/index.js';
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
}

function items(probes: readonly Probe[]): ItemView[] {
  const byId = new Map<string, ItemView>();
  for (const p of probes) {
    const item = byId.get(p.id);
    if (item) item.langs.push(p.lang);
    else byId.set(p.id, { id: p.id, version: p.version, topic: p.topic, type: p.type, sensitive: p.sensitive, langs: [p.lang], controls: p.controls });
  }
  return [...byId.values()];
}

/** `candor probes list`. */
export async function probesListCommand(flags: { suite?: string; json: boolean }, io: CliIo): Promise<number> {
  const suite = await loadSuite(flags.suite ?? defaultSuitePath());
  const list = items(suite.probes);
  if (flags.json) {
    const { id, version, hash } = suite.info;
    io.stdout.write(`${JSON.stringify({ suite: { id, version, hash }, items: list }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${suite.info.id} ${suite.info.version} · ${list.length} items · ${suite.probes.length} prompts · sha256 ${suite.info.hash.slice(0, 16)}…\n`);
  io.stdout.write(table([
    ['id', 'topic', 'type', 'sensitive', 'langs', 'controls'],
    ...list.map((i) => [i.id, i.topic, i.type, i.sensitive ? 'yes' : 'no', i.langs.join(','), i.controls.join(',')]),
  ], { align: 'left', indent: '' }) + '\n');
  return 0;
}

/** `candor probes validate <path>`: exit 0 and a one-line summary, or every problem with its location (exit 2). */
export async function probesValidateCommand(path: string, io: CliIo): Promise<number> {
  const suite = await loadSuite(path);
  const list = items(suite.probes);
  io.stdout.write(`${path}: ok · ${list.length} items (${list.filter((i) => i.sensitive).length} sensitive) · ${suite.probes.length} prompts · sha256 ${suite.info.hash}\n`);
  return 0;
}
