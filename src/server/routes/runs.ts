import type { FastifyInstance } from 'fastify';
import { runOr404, type ServerContext } from '../context.js';
import { runsPage } from '../pages/runs.js';

/** `/`: the runs list; `/api/runs/:run/progress`: stored vs planned, polled by running runs' rows. */
export function registerRuns(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/', async (_req, reply) => {
    const runs = await ctx.store.listRuns();
    const rows = await Promise.all(runs.map(async (run) => ({ run, progress: await ctx.cache.progress(run) })));
    return reply.type('text/html; charset=utf-8').send(runsPage(rows));
  });
  app.get<{ Params: { run: string } }>('/api/runs/:run/progress', async (req) => {
    const run = await runOr404(ctx.store, req.params.run);
    return ctx.cache.progress(run);
  });
}
