import Fastify, { type FastifyInstance } from 'fastify';
import type { RunStore } from '../store/types.js';
import { AnalysisCache } from './analysis-cache.js';
import { HttpError, type ServerContext } from './context.js';
import { errorPage, SCRIPTS, STYLES } from './pages/layout.js';
import { registerAnswers } from './routes/answers.js';
import { registerCompare } from './routes/compare.js';
import { registerExport } from './routes/export.js';
import { registerItem } from './routes/item.js';
import { registerReview } from './routes/review.js';
import { registerRun } from './routes/run.js';
import { registerRuns } from './routes/runs.js';
import { bearer, contentSecurityPolicy, cookieValue, isLoopbackHostHeader, randomToken, safeEqual } from './security.js';

export interface ServerOptions {
  store: RunStore;
  /** When set, every request must carry it (Bearer header or the `token` cookie). Required off loopback. */
  token?: string;
  now?: () => Date;
  /** Bootstrap resamples of the analyses (default 1000, as reports). */
  resamples?: number;
  /** Compute the newest runs' analyses in the background once the server is ready (the first visit is then fast). */
  warm?: number;
}

const CSP = contentSecurityPolicy(STYLES, SCRIPTS);

/**
 * The dashboard: server-rendered pages over an injected store. The caller listens and closes.
 * @example const app = createServer({ store }); await app.listen({ host: '127.0.0.1', port: 4173 });
 */
export function createServer(opts: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const ctx: ServerContext = {
    store: opts.store, cache: new AnalysisCache(opts.store, opts.resamples ?? 1000), csrf: randomToken(), now: opts.now ?? (() => new Date()),
  };
  // Forms are the only bodies accepted: no JSON or text API to reach around the form's CSRF token.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onRequest', async (req, reply) => {
    setSecurityHeaders(reply);
    const token = opts.token;
    if (!token) {
      if (!isLoopbackHostHeader(req.headers.host)) return reply.code(403).type('text/plain; charset=utf-8').send('forbidden: this server answers only loopback host names\n');
      return;
    }
    const q = req.query as Record<string, unknown>;
    if (req.method === 'GET' && req.url.split('?')[0] === '/' && typeof q.token === 'string') {
      if (!safeEqual(q.token, token)) return reply.code(401).type('text/plain; charset=utf-8').send('unauthorized: wrong token\n');
      return reply.header('Set-Cookie', `token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`).redirect('/', 303);
    }
    const given = bearer(req.headers.authorization) ?? cookieValue(req.headers.cookie, 'token');
    if (given === undefined || !safeEqual(given, token)) {
      return reply.code(401).header('WWW-Authenticate', 'Bearer').type('text/plain; charset=utf-8').send('unauthorized: a token is required (Authorization: Bearer, or open /?token=… once)\n');
    }
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/html; charset=utf-8').send(errorPage(404, 'not found')));
  app.setErrorHandler((err: unknown, _req, reply) => {
    const code = (err as { statusCode?: unknown }).statusCode;
    const status = err instanceof HttpError ? err.status : typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
    const message = status < 500 && err instanceof Error ? err.message : 'internal error';
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message));
  });

  if (opts.warm) {
    let closing = false;
    app.addHook('onClose', async () => {
      closing = true;
    });
    app.addHook('onReady', async () => {
      void (async () => {
        for (const run of (await opts.store.listRuns()).slice(0, opts.warm)) {
          if (closing) return;
          await ctx.cache.get(run, 'overview');
        }
      })().catch(() => undefined);
    });
  }

  for (const register of [registerRuns, registerRun, registerAnswers, registerItem, registerReview, registerCompare, registerExport]) register(app, ctx);
  return app;
}

function setSecurityHeaders(reply: { header(k: string, v: string): unknown }): void {
  reply.header('Content-Security-Policy', CSP);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Cache-Control', 'no-store');
}
