/**
 * `candor probes import --from <format> <input> --out <suite.yaml>`: turns a third-party prompt
 * file into a suite file that `candor audit --suite` runs (uncontrolled: no matched controls).
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { ConfigError } from '../../core/errors.js';
import { QUESTION_TYPES, type QuestionType } from '../../core/types.js';
import { IMPORT_FORMATS, importSuite, type ImportOptions } from '../../probes/importers/index.js';
import type { CliIo, Registrar } from '../io.js';
import { probesGroup } from './probes-stats.js';

export interface ImportFlags {
  from: string;
  out: string;
  map?: string[];
  lang?: string;
  topic?: string;
  topicCol?: string;
  type?: string;
  sensitive?: string;
  id?: string;
  force: boolean;
}

/** `q=prompt,cat=topic` (repeatable) → `{ q: 'prompt', cat: 'topic' }`. */
export function parseMap(specs: readonly string[] = []): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of specs.flatMap((s) => s.split(','))) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new ConfigError(`--map expects column=field pairs, got "${pair}"`);
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}

function options(flags: ImportFlags): ImportOptions {
  const map = parseMap(flags.map);
  if (flags.topicCol !== undefined) map[flags.topicCol] = 'topic';
  const opts: ImportOptions = { map };
  if (flags.lang !== undefined) opts.lang = flags.lang;
  if (flags.topic !== undefined) opts.topic = flags.topic;
  if (flags.id !== undefined) opts.suiteId = flags.id;
  if (flags.type !== undefined) {
    if (!(QUESTION_TYPES as readonly string[]).includes(flags.type)) throw new ConfigError(`--type must be one of ${QUESTION_TYPES.join(', ')}`);
    opts.type = flags.type as QuestionType;
  }
  if (flags.sensitive !== undefined) {
    if (flags.sensitive !== 'true' && flags.sensitive !== 'false') throw new ConfigError('--sensitive must be true or false');
    opts.sensitive = flags.sensitive === 'true';
  }
  return opts;
}

/** `candor probes import`. */
export async function probesImportCommand(input: string, flags: ImportFlags, io: CliIo): Promise<number> {
  const opts = options(flags);
  if (existsSync(flags.out) && !flags.force) throw new ConfigError(`${flags.out} exists; pass --force to overwrite it`);
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const res = importSuite(flags.from, text, input, opts, flags.out);
  await writeFile(flags.out, res.yaml, 'utf8');
  const sensitive = res.suite.items.filter((i) => i.sensitive).length;
  io.stdout.write(`${flags.out}: ${res.items} items (${sensitive} sensitive, uncontrolled) from ${res.rows} rows` +
    `${res.duplicates > 0 ? `, ${res.duplicates} duplicate rows skipped` : ''} · ${res.suite.probes.length} prompts · sha256 ${res.suite.info.hash}\n`);
  return 0;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const registerProbesImport: Registrar = (program, io, run) => {
  probesGroup(program)
    .command('import')
    .description('turn a third-party prompt file into a suite file (items have no matched controls)')
    .argument('<input>', 'input file')
    .requiredOption('--from <format>', `input format: ${IMPORT_FORMATS.join(', ')}`)
    .requiredOption('--out <suite.yaml>', 'suite file to write')
    .option('--map <pairs>', 'column=field pairs (fields: prompt, prompt.<lang>, id, topic, lang, type, sensitive); repeatable', collect)
    .option('--lang <tag>', 'language of the prompt column (default en)')
    .option('--topic <name>', 'topic when no column gives one')
    .option('--topic-col <column>', 'column holding the topic (same as --map <column>=topic)')
    .option('--type <type>', 'question type when no column gives one (default direct)')
    .option('--sensitive <bool>', 'true or false when no column says (default: true; deccp: from the split)')
    .option('--id <suite-id>', 'suite id (default: from the input file name)')
    .option('--force', 'overwrite --out if it exists', false)
    .action((input: string, flags: ImportFlags) => run(probesImportCommand(input, flags, io)));
};
