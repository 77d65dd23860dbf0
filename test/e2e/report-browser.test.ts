import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../support/cli.js';
import { hasChromium, launchChromium, watchPage, seedRun, twoModelAnswers } from '../support/browser.js';

test('the HTML report in Chromium: renders, filters, and runs no script from model output', { skip: !hasChromium() && 'needs /usr/bin/chromium (apt-get install chromium fonts-wqy-microhei)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-browser-'));
  const db = join(dir, 'r.db');
  await seedRun(db, 'run-1', twoModelAnswers());
  const out = join(dir, 'report.html');
  const res = await cli(['report', 'run-1', '--format', 'html', '--out', out, '--db', db]);
  assert.equal(res.code, 0, res.stderr);
  const ctx = await launchChromium();
  try {
    const page = await ctx.newPage();
    const { violations, requests } = watchPage(page);
    await page.goto(pathToFileURL(out).href);
    assert.equal(await page.title(), 'Candor report run-1');
    assert.equal(await page.evaluate('window.__pwned'), undefined, 'no script from model output ran');
    assert.ok(await page.locator('svg[role="img"]').count() >= 3);
    assert.ok(await page.locator('#methods').isVisible());
    const evil = page.locator('details', { hasText: 'x-script' });
    await evil.locator('summary').click();
    assert.ok((await evil.locator('pre').nth(1).innerText()).includes('<script>window.__pwned=1</script>'), 'the payload shows as text');
    assert.equal(await page.locator('#transcripts img').count(), 0);
    await evil.locator('summary').click();
    // the hashed filter script runs (the CSP allows it) and hides non-matching answers
    const total = await page.locator('#transcripts details').count();
    await page.selectOption('#fl', 'REFUSED');
    const refused = await page.locator('#transcripts details:not([hidden])').count();
    assert.ok(refused > 0 && refused < total, `${refused} of ${total}`);
    assert.equal(await page.locator('#shown').innerText(), String(refused));
    await page.selectOption('#fl', '');
    await page.fill('#q', '一九八九');
    assert.equal(await page.locator('#transcripts details:not([hidden])').count(), 8);
    await page.fill('#q', '');
    const shotDir = process.env.CANDOR_SCREENSHOT_DIR ?? dir;
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(shotDir, 'report-top.png'), fullPage: true });
    const zh = page.locator('details', { hasText: 'zh-Hans' }).filter({ hasText: 's0' }).filter({ hasText: 'openai:b' }).first();
    await zh.locator('summary').click();
    await evil.locator('summary').click();
    await zh.scrollIntoViewIfNeeded();
    const shot = join(shotDir, 'report.png');
    await page.screenshot({ path: shot });
    assert.ok(statSync(shot).size > 10_000);
    assert.deepEqual(violations, [], 'no CSP violation: style and script hashes match');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'no network request');
    assert.ok(readFileSync(out, 'utf8').length > 1000);
  } finally {
    await ctx.close();
  }
});
