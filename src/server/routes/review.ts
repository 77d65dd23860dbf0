import type { FastifyInstance } from 'fastify';
import { LABELS } from '../../core/types.js';
import { HttpError, idOr404, type ServerContext } from '../context.js';
import { reviewPage } from '../pages/review.js';
import { safeEqual } from '../security.js';

/** `/answers/:id/review`: GET the form; POST an override (CSRF token, a known label and a reason required). */
export function registerReview(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/answers/:id/review', async (req, reply) => {
    const a = await ctx.store.getAnswer(idOr404(req.params.id));
    if (!a) throw new HttpError(404, 'no such answer');
    return reply.type('text/html; charset=utf-8').send(reviewPage(a, ctx.csrf, { saved: req.query.saved === '1' }));
  });

  app.post<{ Params: { id: string }; Body: unknown }>('/answers/:id/review', async (req, reply) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    if (typeof body.csrf !== 'string' || !safeEqual(body.csrf, ctx.csrf)) throw new HttpError(403, 'the form is stale or did not come from this server (CSRF token mismatch); reload it');
    const id = idOr404(req.params.id);
    const a = await ctx.store.getAnswer(id);
    if (!a) throw new HttpError(404, 'no such answer');
    const label = body.label;
    if (typeof label !== 'string' || !(LABELS as readonly string[]).includes(label)) throw new HttpError(400, `label: expected one of ${LABELS.join(', ')}`);
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (reason === '') throw new HttpError(400, 'reason: required');
    if (reason.length > 2000) throw new HttpError(400, 'reason: at most 2000 characters');
    const author = typeof body.author === 'string' ? body.author.trim().slice(0, 100) : '';
    if (a.outcome !== 'ok') throw new HttpError(400, `answer ${id} has outcome ${a.outcome}; only answers with outcome ok are judged`);
    await ctx.store.addOverride({ responseId: id, label, reason, ...(author && { author }) });
    ctx.cache.invalidate();
    // Recompute the run's overview once this reply is out, so going back to it finds it ready.
    const run = await ctx.store.getRun(a.runId);
    if (run) setImmediate(() => void ctx.cache.get(run, 'overview').catch(() => undefined));
    return reply.redirect(`/answers/${id}/review?saved=1`, 303);
  });
}
