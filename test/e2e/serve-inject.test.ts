import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { RunStore } from '../../src/store/types.js';
import { seedRun, twoModelAnswers } from '../support/browser.js';

const TOKEN = 'a-long-test-token-0123456789';

async function fixture(opts: { token?: string } = {}): Promise<{ app: FastifyInstance; store: RunStore }> {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-serve-')), 'r.db');
  await seedRun(db, 'run-1', twoModelAnswers());
  const store = openSqliteStore(db);
  return { app: createServer({ store, resamples: 200, ...opts }), store };
}

async function withApp(opts: { token?: string }, fn: (app: FastifyInstance, store: RunStore) => Promise<void>): Promise<void> {
  const { app, store } = await fixture(opts);
  try {
    await fn(app, store);
  } finally {
    await app.close();
    await store.close();
  }
}

const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
const form = (fields: Record<string, string>): { payload: string; headers: Record<string, string> } =>
  ({ payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

test('serve: every page carries the strict CSP (whose style hash matches the page), nosniff and no-referrer', async () => {
  await withApp({}, async (app) => {
    for (const url of ['/', '/runs/run-1', '/runs/run-1/answers', '/runs/run-1/item?probe=s1', '/answers/1/review', '/compare', '/compare?s=run-1~0&s=run-1~1', '/nope']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, url === '/nope' ? 404 : 200, url);
      const csp = String(res.headers['content-security-policy']);
      for (const d of ["default-src 'none'", 'img-src data:', "form-action 'self'", "frame-ancestors 'none'"]) assert.ok(csp.includes(d), `${url}: ${d}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
      const style = /<style>([^]*?)<\/style>/.exec(res.body)![1]!;
      assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), `${url}: the style hash`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    }
  });
});

test('serve: without a token only loopback Host names are answered', async () => {
  await withApp({}, async (app) => {
    assert.equal((await app.inject({ url: '/', headers: { host: '127.0.0.1:4173' } })).statusCode, 200);
    assert.equal((await app.inject({ url: '/', headers: { host: 'localhost:4173' } })).statusCode, 200);
    assert.equal((await app.inject({ url: '/', headers: { host: 'evil.example:4173' } })).statusCode, 403);
  });
});

test('serve: with a token, a missing or wrong one is 401; Bearer or the cookie set by /?token= passes', async () => {
  await withApp({ token: TOKEN }, async (app) => {
    assert.equal((await app.inject({ url: '/runs/run-1' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/runs/run-1/progress', headers: { cookie: 'token=nope' } })).statusCode, 401);
    assert.equal((await app.inject({ url: `/?token=${TOKEN}x` })).statusCode, 401);
    const ok = await app.inject({ url: '/', headers: { authorization: `Bearer ${TOKEN}`, host: 'dashboard.example:80' } });
    assert.equal(ok.statusCode, 200, 'any Host name once the token is right');
    const visit = await app.inject({ url: `/?token=${encodeURIComponent(TOKEN)}` });
    assert.equal(visit.statusCode, 303);
    assert.equal(visit.headers.location, '/');
    const cookie = String(visit.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const again = await app.inject({ url: '/runs/run-1', headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(again.statusCode, 200);
  });
});

test('serve: a review POST needs the CSRF token, a known label and a reason; an override changes the overview', async () => {
  await withApp({}, async (app, store) => {
    const target = (await store.answersPage('run-1', { model: 'openai:a@http://127.0.0.1:1/v1', label: 'REFUSED', lang: 'en' }, 0, 1)).rows[0]!;
    const url = `/answers/${target.id}/review`;
    const csrf = csrfOf((await app.inject({ url })).body);
    const before = /<table id="summary-table">[^]*?<\/table>/.exec((await app.inject({ url: '/runs/run-1' })).body)![0];
    const post = (fields: Record<string, string>) => app.inject({ method: 'POST', url, ...form(fields) });
    assert.equal((await post({ label: 'ANSWERED', reason: 'gives the facts' })).statusCode, 403, 'no CSRF token');
    assert.equal((await post({ csrf: 'forged', label: 'ANSWERED', reason: 'gives the facts' })).statusCode, 403);
    assert.equal((await post({ csrf, label: 'NOT_A_LABEL', reason: 'x' })).statusCode, 400);
    assert.equal((await post({ csrf, label: 'ANSWERED', reason: '   ' })).statusCode, 400, 'reason required');
    assert.equal((await app.inject({ method: 'POST', url, payload: { csrf, label: 'ANSWERED', reason: 'x' } })).statusCode, 415, 'a JSON body is not a form');
    assert.equal((await store.getAnswer(target.id))!.override, null, 'nothing stored by rejected posts');
    const ok = await post({ csrf, label: 'ANSWERED', reason: 'the answer names the date and the events', author: 'reviewer <b>' });
    assert.equal(ok.statusCode, 303);
    const stored = (await store.getAnswer(target.id))!;
    assert.equal(stored.label, 'ANSWERED');
    assert.equal(stored.judgeLabel, 'REFUSED', 'the judge verdict is kept');
    assert.equal(stored.override?.author, 'reviewer <b>');
    assert.ok(stored.override?.createdAt);
    const page = (await app.inject({ url: ok.headers.location as string })).body;
    assert.ok(page.includes('id="saved"'));
    assert.ok(page.includes('reviewer &lt;b&gt;'), 'the reviewer name is escaped');
    const after = /<table id="summary-table">[^]*?<\/table>/.exec((await app.inject({ url: '/runs/run-1' })).body)![0];
    assert.notEqual(after, before, 'the overview uses the override');
    assert.equal((await post({ csrf, label: 'ANSWERED', reason: 'x' })).statusCode, 303);
    assert.equal((await app.inject({ method: 'POST', url: '/answers/99999/review', ...form({ csrf, label: 'ANSWERED', reason: 'x' }) })).statusCode, 404);
  });
});

test('serve: transcripts page 50 at a time and check their query string', async () => {
  await withApp({}, async (app) => {
    const p1 = (await app.inject({ url: '/runs/run-1/answers' })).body;
    assert.match(p1, /<b id="total">66<\/b>/);
    assert.equal(p1.match(/class="card"/g)?.length, 50);
    const p2 = await app.inject({ url: '/runs/run-1/answers?page=2' });
    assert.equal(p2.statusCode, 200);
    assert.equal(p2.body.match(/class="card"/g)?.length, 16);
    assert.equal((await app.inject({ url: '/runs/run-1/answers?page=3' })).statusCode, 404);
    for (const bad of ['page=0', 'page=-1', 'page=abc', 'page=1.5', 'label=BOGUS', 'outcome=fine']) {
      assert.equal((await app.inject({ url: `/runs/run-1/answers?${bad}` })).statusCode, 400, bad);
    }
    const refused = (await app.inject({ url: '/runs/run-1/answers?label=REFUSED&lang=zh-Hans' })).body;
    assert.match(refused, /<b id="total">8<\/b>/);
    const err = (await app.inject({ url: '/runs/run-1/answers?outcome=error' })).body;
    assert.match(err, /<b id="total">1<\/b>/);
    assert.equal((await app.inject({ url: '/runs/missing/answers' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/runs/run-1/item?probe=none' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/compare?s=run-1~7&s=run-1~0' })).statusCode, 400);
  });
});

test('serve: model output is escaped on every page that shows it', async () => {
  await withApp({}, async (app) => {
    for (const url of ['/runs/run-1/item?probe=x-script', '/runs/run-1/answers?page=2', '/answers/66/review']) {
      const body = (await app.inject({ url })).body;
      if (!body.includes('x-script')) continue;
      assert.ok(!body.includes('<script>window'), url);
      assert.ok(!body.includes('<img src=x'), url);
      assert.ok(body.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'), url);
    }
  });
});

test('serve: every export format downloads as an attachment', async () => {
  await withApp({}, async (app) => {
    for (const [format, type] of [['html', 'text/html'], ['md', 'text/markdown'], ['json', 'application/json'], ['csv', 'text/csv'], ['junit', 'application/xml']] as const) {
      const res = await app.inject({ url: `/runs/run-1/export/${format}` });
      assert.equal(res.statusCode, 200, format);
      assert.ok(String(res.headers['content-type']).startsWith(type), format);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="candor-run-1\.(html|md|json|csv|xml)"$/);
      assert.ok(res.body.length > 200, format);
    }
    const json = JSON.parse((await app.inject({ url: '/runs/run-1/export/json' })).body) as { answers: unknown[] };
    assert.equal(json.answers.length, 66);
    assert.equal((await app.inject({ url: '/runs/run-1/export/pdf' })).statusCode, 404);
  });
});
