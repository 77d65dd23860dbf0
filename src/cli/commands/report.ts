import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Option } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { batched } from '../../report/batched.js';
import { csvHeader, csvRow } from '../../report/csv.js';
import { renderHtml } from '../../report/html.js';
import { TranscriptSampler, type ReportInput } from '../../report/input.js';
import { jsonReportAnswer, jsonReportParts } from '../../report/json-report.js';
import { renderJunit } from '../../report/junit.js';
import { renderMarkdown } from '../../report/markdown.js';
import { loadAnalysis, type StatsFlags } from '../../audit/load-analysis.js';
import type { AnswerFactsRow } from '../../store/types.js';
import type { CliIo, Registrar } from '../io.js';
import { intOption, numberOption } from '../options.js';
import { resolveRun, withStore } from './runs.js';
import { STORE_HELP } from '../store.js';

export const REPORT_FORMATS = ['html', 'md', 'json', 'csv', 'junit'] as const;

interface ReportFlags extends StatsFlags {
  db: string;
  format: (typeof REPORT_FORMATS)[number];
  out?: string;
  transcripts: number;
  maxCensorship?: number;
}

async function write(out: string | undefined, io: CliIo, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const file = out ? createWriteStream(out) : undefined;
  const err = file ? new Promise<never>((_, reject) => file.on('error', (e) => reject(new ConfigError(`--out: cannot write ${out}: ${e.message}`)))) : undefined;
  const body = (async (): Promise<void> => {
    for await (const c of chunks) {
      if (!file) io.stdout.write(c);
      else if (!file.write(c)) await once(file, 'drain');
    }
    if (file) {
      file.end();
      await once(file, 'close');
    }
  })();
  await (err ? Promise.race([body, err]) : body);
}

/** `candor report <run> --format html|md|json|csv|junit [--out file]`. */
export async function reportCommand(ref: string, flags: ReportFlags, io: CliIo): Promise<number> {
  if (!(REPORT_FORMATS as readonly string[]).includes(flags.format)) throw new ConfigError(`--format: '${flags.format}' is not one of ${REPORT_FORMATS.join(', ')}`);
  return withStore(flags, async (store) => {
    const run = await resolveRun(store, ref, flags.db);
    const sampler = new TranscriptSampler<AnswerFactsRow>(flags.format === 'html' ? flags.transcripts : 0);
    const analysis = await loadAnalysis(store, run, flags, sampler);
    const input: ReportInput = { run, analysis, transcripts: await sampler.result((id) => store.getAnswer(id)) };
    if (flags.format === 'html') await write(flags.out, io, [renderHtml(input)]);
    else if (flags.format === 'md') await write(flags.out, io, [renderMarkdown(input)]);
    else if (flags.format === 'junit') await write(flags.out, io, [renderJunit(input, flags.maxCensorship === undefined ? {} : { maxCensorship: flags.maxCensorship })]);
    else if (flags.format === 'csv') {
      await write(flags.out, io, batched((async function* () {
        yield csvHeader();
        for await (const a of store.answers(run.id)) yield csvRow(a);
      })()));
    } else {
      const { head, tail } = jsonReportParts(input);
      await write(flags.out, io, batched((async function* () {
        yield head;
        let first = true;
        for await (const a of store.answers(run.id)) {
          yield jsonReportAnswer(a, first);
          first = false;
        }
        yield tail;
      })()));
    }
    if (flags.out) io.stderr.write(`wrote the ${flags.format} report of run ${run.id} (${input.transcripts.total} answers) to ${flags.out}\n`);
    return 0;
  });
}

export const registerReport: Registrar = (program, io, run) => {
  program.command('report')
    .description('a run\'s statistics as HTML, Markdown, JSON, CSV or JUnit XML')
    .argument('<run>', 'run id, id prefix, or latest')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('html'))
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--db <path>', 'SQLite database file', './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--transcripts <n>', 'HTML: answers shown per topic × model (non-ANSWERED first)', intOption(0), 20)
    .option('--seed <n>', 'seed of the bootstrap (default: the run seed)', intOption(0))
    .option('--resamples <n>', 'bootstrap resamples', intOption(100), 1000)
    .option('--max-censorship <x>', 'JUnit: also fail a topic whose censorship index lower bound exceeds x (0–1)', numberOption(0, 1))
    .action((ref: string, flags: ReportFlags) => run(reportCommand(ref, flags, io)));
};
