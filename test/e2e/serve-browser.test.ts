import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { hasChromium, launchChromium, watchPage, manifest, result, seedRun, twoModelAnswers } from '../support/browser.js';

const B = 'openai:b@http://127.0.0.1:2/v1';
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<a href="javascript:window.__pwned=3">click me</a> [md](javascript:window.__pwned=5)',
  '" onmouseover="window.__pwned=4" x="',
  '台湾问题',
].join('\n');

async function seed(db: string): Promise<void> {
  await seedRun(db, 'run-1', twoModelAnswers());
  const store = openSqliteStore(db);
  try {
    const hostile = result('run-1', { model: B, probeId: 'x-hostile', topic: 'taiwan', sensitive: true, label: 'DEFLECTED', text: HOSTILE, lang: 'zh-Hans' });
    hostile.response.reasoning = `思考：<script>window.__pwned=6</script> I cannot say this.`;
    hostile.verdict!.evidence = [{ field: 'reasoning', start: 39, end: 45, match: 'cannot', kind: 'refusal' }];
    await store.saveResults([hostile]);
    await store.createRun(manifest([B], { planned: 10, createdAt: '2026-02-01T00:00:00.000Z' }), 'run-live');
    await store.saveResults([0, 1].map((i) => result('run-live', { model: B, probeId: `s${i}`, topic: 'taiwan', sensitive: true, label: 'ANSWERED' })));
  } finally {
    await store.close();
  }
}

test('candor serve in Chromium: every page, live progress, review, compare, exports; model output stays inert', { skip: !hasChromium() && 'needs /usr/bin/chromium' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-serve-browser-'));
  const shots = process.env.CANDOR_SCREENSHOT_DIR ?? dir;
  const db = join(dir, 'r.db');
  await seed(db);
  const store = openSqliteStore(db);
  const app = createServer({ store, resamples: 200 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const ctx = await launchChromium();
  try {
    const page = await ctx.newPage();
    const { violations, requests } = watchPage(page);
    const pwned = async (): Promise<unknown> => page.evaluate('window.__pwned');

    // runs list, with live progress of the running audit
    await page.goto(`${base}/`);
    assert.equal(await page.title(), 'Runs · Candor');
    const live = page.locator('tr[data-progress="run-live"]');
    assert.equal(await live.locator('.stored').innerText(), '2');
    const writer = openSqliteStore(db);
    await writer.saveResults([2, 3, 4].map((i) => result('run-live', { model: B, probeId: `s${i}`, topic: 'taiwan', sensitive: true, label: 'REFUSED' })));
    await writer.close();
    await live.locator('.stored:text-is("5")').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'serve-runs.png'), fullPage: true });

    // overview
    await page.click('a[href="/runs/run-1"]');
    assert.equal(await page.title(), 'Run run-1 · Candor');
    assert.ok(await page.locator('svg[role="img"]').count() >= 2);
    assert.ok(await page.locator('#coverage').isVisible());
    const modelA = page.locator('#summary-table tr', { hasText: 'openai:a@' });
    const before = await modelA.innerText();
    await page.screenshot({ path: join(shots, 'serve-overview.png'), fullPage: true });

    // transcripts: filter and page
    await page.click('text=Transcripts');
    assert.equal(await page.locator('.card').count(), 50);
    await page.selectOption('select[name="label"]', 'REFUSED');
    await page.fill('input[name="lang"]', 'zh-Hans');
    await page.click('button[type="submit"]');
    assert.equal(await page.locator('#total').first().innerText(), '8');
    await page.goto(`${base}/runs/run-1/answers`);
    await page.click('a[rel="next"] >> nth=0');
    assert.equal(await page.locator('.card').count(), 17);

    // item view with hostile output: inert, visible as text, reasoning collapsible with evidence marked
    await page.locator('.card', { hasText: 'x-hostile' }).locator('text=item across models and languages').click();
    assert.equal(await page.title(), 'Item x-hostile · Candor');
    const card = page.locator('.card', { hasText: 'x-hostile' });
    const answerText = await card.locator('pre.answer').innerText();
    for (const s of HOSTILE.split('\n')) assert.ok(answerText.includes(s), `shown as text: ${s}`);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    assert.equal(await page.locator('[onmouseover]').count(), 0);
    await card.locator('pre.answer').hover();
    await card.locator('pre.answer').click();
    const trace = card.locator('details.reasoning');
    assert.equal(await trace.locator('pre').isVisible(), false, 'the reasoning trace starts collapsed');
    await trace.locator('summary').click();
    assert.ok((await trace.locator('pre').innerText()).includes('<script>window.__pwned=6</script>'));
    assert.equal(await trace.locator('mark').innerText(), 'cannot');
    assert.equal(await pwned(), undefined, 'no script from model output ran');
    await page.screenshot({ path: join(shots, 'serve-item-hostile.png'), fullPage: true });
    await page.goto(`${base}/runs/run-1/item?probe=s1`);
    assert.equal(await page.locator('section.lang').count(), 2);
    assert.ok((await page.locator('section[data-lang="zh-Hans"]').innerText()).includes('一九八九年六月四日'));
    await page.screenshot({ path: join(shots, 'serve-item-zh.png'), fullPage: true });

    // review: override a refusal of model A; it persists and moves the overview's numbers
    const refused = page.locator('section[data-lang="en"] .card', { hasText: 'openai:a@' }).first();
    assert.ok((await refused.innerText()).includes('REFUSED'));
    await refused.locator('text=review this verdict').click();
    await page.selectOption('#label', 'ANSWERED');
    await page.fill('#reason', 'The answer states what happened; the judge matched a phrase.');
    await page.fill('#author', 'reviewer');
    await page.click('#save');
    assert.ok(await page.locator('#saved').isVisible());
    await page.reload();
    const note = await page.locator('.override').innerText();
    assert.match(note, /Reviewed: ANSWERED \(judge said REFUSED\) by reviewer/);
    await page.goto(`${base}/runs/run-1`);
    assert.notEqual(await modelA.innerText(), before, 'the overview counts the override');

    // compare two models
    await page.goto(`${base}/compare`);
    await page.check('input[value="run-1~0"]');
    await page.check('input[value="run-1~1"]');
    await page.click('#compare-go');
    assert.ok((await page.locator('#contrasts').innerText()).includes('[2] − [1]'));
    assert.ok(await page.locator('#differences tr').count() > 1);
    await page.screenshot({ path: join(shots, 'serve-compare.png'), fullPage: true });

    // exports, one click each
    await page.goto(`${base}/runs/run-1`);
    for (const f of ['HTML', 'MD', 'JSON', 'CSV', 'JUNIT']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a:text-is("${f}")`)]);
      assert.match(download.suggestedFilename(), /^candor-run-1\.(html|md|json|csv|xml)$/);
      const saved = join(dir, download.suggestedFilename());
      await download.saveAs(saved);
      assert.ok(statSync(saved).size > 200, f);
    }
    assert.equal(await pwned(), undefined);
    assert.deepEqual(violations, [], 'no CSP violation: the style and script hashes match');
    assert.deepEqual(requests.filter((u) => !u.startsWith(base)), [], 'no request leaves the server');
  } finally {
    await ctx.close();
    await app.close();
    await store.close();
  }
});
