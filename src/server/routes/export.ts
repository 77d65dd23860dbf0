import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { csvHeader, csvRow } from '../../report/csv.js';
import { renderHtml } from '../../report/html.js';
import { jsonReportAnswer, jsonReportParts } from '../../report/json-report.js';
import { renderJunit } from '../../report/junit.js';
import { renderMarkdown } from '../../report/markdown.js';
import type { AnswerRow, RunStore } from '../../store/types.js';
import { HttpError, runOr404, type ServerContext } from '../context.js';
import { EXPORT_FORMATS } from '../pages/overview.js';
import { batched } from '../../report/batched.js';

const TYPES: Record<(typeof EXPORT_FORMATS)[number], { type: string; ext: string }> = {
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  junit: { type: 'application/xml; charset=utf-8', ext: 'xml' },
};

async function* rows(store: RunStore, runId: string, first: string, row: (a: AnswerRow, i: number) => string, last: string): AsyncIterable<string> {
  yield first;
  let i = 0;
  for await (const a of store.answers(runId)) yield row(a, i++);
  yield last;
}

/** Answers shown per topic × model in the HTML export (as `candor report --transcripts`'s default). */
const TRANSCRIPTS_PER_CELL = 20;

/** `/runs/:run/export/:format`: the `candor report` formats as downloads; CSV and JSON stream every answer. */
export function registerExport(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { run: string; format: string } }>('/runs/:run/export/:format', async (req, reply) => {
    const format = req.params.format as (typeof EXPORT_FORMATS)[number];
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new HttpError(404, `format: expected one of ${EXPORT_FORMATS.join(', ')}`);
    const run = await runOr404(ctx.store, req.params.run);
    const { analysis, answers, otherArms } = await ctx.cache.get(run);
    const name = `candor-${run.id.replace(/[^A-Za-z0-9._-]/g, '_')}.${TYPES[format].ext}`;
    reply.type(TYPES[format].type).header('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv') return reply.send(Readable.from(batched(rows(ctx.store, run.id, csvHeader(), (a) => csvRow(a), ''))));
    if (format === 'json') {
      const { head, tail } = jsonReportParts({ run, analysis });
      return reply.send(Readable.from(batched(rows(ctx.store, run.id, head, (a, i) => jsonReportAnswer(a, i === 0), tail))));
    }
    if (format === 'md') return reply.send(renderMarkdown({ run, analysis }));
    if (format === 'junit') return reply.send(renderJunit({ run, analysis }));
    const total = answers + Object.values(otherArms).reduce((a, n) => a + n, 0);
    return reply.send(renderHtml({ run, analysis, transcripts: { rows: await ctx.store.sampleAnswers(run.id, TRANSCRIPTS_PER_CELL), perCell: TRANSCRIPTS_PER_CELL, total } }));
  });
}
