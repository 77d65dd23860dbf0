import type { FastifyInstance } from 'fastify';
import { compareSubjects, resolveSubjects } from '../compare-data.js';
import { HttpError, type ServerContext } from '../context.js';
import { comparePage } from '../pages/compare.js';

/** `/compare?s=<run>~<i>&s=…`: models of one or several runs side by side. */
export function registerCompare(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { s?: string | string[] } }>('/compare', async (req, reply) => {
    const refs = req.query.s === undefined ? [] : Array.isArray(req.query.s) ? req.query.s : [req.query.s];
    if (refs.length > 12) throw new HttpError(400, 's: at most 12 models at once');
    const runs = await ctx.store.listRuns();
    let comparison;
    if (refs.length > 0) {
      const subjects = await resolveSubjects(ctx.store, refs);
      if (subjects.length < 2) throw new HttpError(400, 's: pick at least two models');
      const runIds = [...new Set(subjects.map((s) => s.run.id))];
      comparison = await ctx.cache.memo(`compare\u0000${subjects.map((s) => s.ref).join('\u0000')}`, runIds, async () => {
        const value = await compareSubjects(ctx.store, subjects, { resamples: ctx.cache.resamples, top: 20 });
        return { value, fingerprints: value.fingerprints };
      });
    }
    return reply.type('text/html; charset=utf-8').send(comparePage(runs, comparison));
  });
}
