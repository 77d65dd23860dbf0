import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { Option } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { batched } from '../../report/batched.js';
import { csvHeader, csvRow } from '../../report/csv.js';
import { renderHtml } from '../../report/html.js';
import type { ReportInput } from '../../report/input.js';
import { jsonReportAnswer, jsonReportParts } from '../../report/json-report.js';
import { renderJunit } from '../../report/junit.js';
import { renderMarkdown } from '../../report/markdown.js';
import { AnalysisBuilder, answerCount, loadRunAnalysis, type StatsFlags } from '../../audit/load-analysis.js';
import type { RunRow } from '../../core/manifest.js';
import type { RunStore } from '../../store/types.js';
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
    if (flags.format === 'csv') {
      // One row per answer and no statistics: a single pass over the answers.
      let total = 0;
      await write(flags.out, io, batched((async function* () {
        yield csvHeader();
        for await (const a of store.answers(run.id)) {
          total++;
          yield csvRow(a);
        }
      })()));
      done(flags, io, run.id, total);
      return 0;
    }
    if (flags.format === 'json') {
      done(flags, io, run.id, await jsonReport(store, run, flags, io));
      return 0;
    }
    const loaded = await loadRunAnalysis(store, run, flags);
    const perCell = flags.format === 'html' ? flags.transcripts : 0;
    const input: ReportInput = { run, analysis: loaded.analysis, transcripts: { rows: await store.sampleAnswers(run.id, perCell), perCell, total: answerCount(loaded) } };
    if (flags.format === 'html') await write(flags.out, io, [renderHtml(input)]);
    else if (flags.format === 'md') await write(flags.out, io, [renderMarkdown(input)]);
    else await write(flags.out, io, [renderJunit(input, flags.maxCensorship === undefined ? {} : { maxCensorship: flags.maxCensorship })]);
    done(flags, io, run.id, input.transcripts.total);
    return 0;
  });
}

function done(flags: ReportFlags, io: CliIo, runId: string, answers: number): void {
  if (flags.out) io.stderr.write(`wrote the ${flags.format} report of run ${runId} (${answers} answers) to ${flags.out}\n`);
}

/**
 * The JSON report in one pass over the answers: each is folded into the statistics and written to
 * a temporary file; then the head (run, analysis), the answers and the tail go out in order.
 */
async function jsonReport(store: RunStore, run: RunRow, flags: ReportFlags, io: CliIo): Promise<number> {
  const dir = await mkdtemp(join(flags.out ? dirname(resolve(flags.out)) : tmpdir(), '.candor-report-')).catch((e: Error) => {
    throw new ConfigError(`--out: cannot write ${flags.out ?? 'a temporary file'}: ${e.message}`);
  });
  try {
    const tmp = join(dir, 'answers.json');
    const builder = new AnalysisBuilder(run, flags);
    let total = 0;
    await write(tmp, io, batched((async function* () {
      for await (const a of store.answers(run.id)) {
        builder.add(a);
        yield jsonReportAnswer(a, total === 0);
        total++;
      }
    })()));
    const { head, tail } = jsonReportParts({ run, analysis: builder.finish() });
    await write(flags.out, io, (async function* () {
      yield head;
      for await (const chunk of createReadStream(tmp, { encoding: 'utf8', highWaterMark: 1 << 20 })) yield chunk as string;
      yield tail;
    })());
    return total;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
