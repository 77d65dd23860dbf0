import type { FastifyInstance } from 'fastify';
import { HttpError, runOr404, type ServerContext } from '../context.js';
import { itemPage } from '../pages/item.js';

/** `/runs/:run/item?probe=ID`: one question across models, arms and languages. */
export function registerItem(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { run: string }; Querystring: { probe?: unknown } }>('/runs/:run/item', async (req, reply) => {
    const run = await runOr404(ctx.store, req.params.run);
    const probe = req.query.probe;
    if (typeof probe !== 'string' || probe === '' || probe.length > 500) throw new HttpError(400, 'probe: expected one item id');
    const answers = await ctx.store.answersForProbe(run.id, probe);
    if (answers.length === 0) throw new HttpError(404, `no answers to item '${probe}' in run ${run.id}`);
    return reply.type('text/html; charset=utf-8').send(itemPage(run, probe, answers));
  });
}
