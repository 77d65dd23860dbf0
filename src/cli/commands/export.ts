import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ConfigError } from '../../core/errors.js';
import { answerToJsonl } from '../../report/jsonl.js';
import type { CliIo } from '../io.js';
import { resolveRun, withStore } from './runs.js';

/** `candor export <run> --format jsonl [--out file]`: one line per answer, streamed. */
export async function exportCommand(ref: string, flags: { db: string; format: string; out?: string }, io: CliIo): Promise<number> {
  if (flags.format !== 'jsonl') throw new ConfigError(`--format: '${flags.format}' is not supported; use jsonl`);
  return withStore(flags, async (store) => {
    const run = await resolveRun(store, ref, flags.db);
    const file = flags.out ? createWriteStream(flags.out) : undefined;
    let n = 0;
    for await (const a of store.answers(run.id)) {
      const line = `${answerToJsonl(a)}\n`;
      if (file) {
        if (!file.write(line)) await once(file, 'drain');
      } else io.stdout.write(line);
      n++;
    }
    if (file) {
      file.end();
      await once(file, 'close');
      io.stderr.write(`wrote ${n} answers of run ${run.id} to ${flags.out}\n`);
    }
    return 0;
  });
}
