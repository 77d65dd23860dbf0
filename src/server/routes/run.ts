import type { FastifyInstance } from 'fastify';
import { runOr404, type ServerContext } from '../context.js';
import { overviewPage } from '../pages/overview.js';

/** `/runs/:run`: the overview, from the cached analysis. */
export function registerRun(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { run: string } }>('/runs/:run', async (req, reply) => {
    const run = await runOr404(ctx.store, req.params.run);
    return reply.type('text/html; charset=utf-8').send(overviewPage(run, await ctx.cache.get(run, 'overview')));
  });
}
