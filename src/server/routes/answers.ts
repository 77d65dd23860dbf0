import type { FastifyInstance } from 'fastify';
import { HttpError, runOr404, type ServerContext } from '../context.js';
import { answersPage } from '../pages/answers.js';
import { parseFilter, parsePage, PER_PAGE } from '../query.js';

/** `/runs/:run/answers?model=&topic=&lang=&label=&outcome=&arm=&page=`: 50 answers a page, filtered in the store. */
export function registerAnswers(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { run: string }; Querystring: Record<string, unknown> }>('/runs/:run/answers', async (req, reply) => {
    const run = await runOr404(ctx.store, req.params.run);
    const filter = parseFilter(req.query);
    const page = parsePage(req.query.page);
    const { rows, total } = await ctx.store.answersPage(run.id, filter, (page - 1) * PER_PAGE, PER_PAGE);
    if (page > Math.max(1, Math.ceil(total / PER_PAGE))) throw new HttpError(404, `page ${page} is past the last page of ${total} answers`);
    return reply.type('text/html; charset=utf-8').send(answersPage({ run, filter, rows, total, page, perPage: PER_PAGE }));
  });
}
