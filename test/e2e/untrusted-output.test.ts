import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XSS_CORPUS } from '../fixtures/xss-corpus.js';
import { startMockServer } from '../support/mock-llm-server.js';
import { hasChromium, launchChromium } from '../support/browser.js';
import { cli } from '../support/cli.js';

const SUITE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');
const SECRET = 'sk-candor-test-SECRET-5f1d9c0e7a';
const FORMATS = ['html', 'md', 'json', 'csv', 'junit'] as const;

/** An audit whose answers are the XSS corpus (and whose reasoning echoes it), run with an API key. */
async function hostileRun(): Promise<{ dir: string; db: string; logs: string[] }> {
  let i = 0;
  const server = await startMockServer({
    respond: () => {
      const payload = XSS_CORPUS[i++ % XSS_CORPUS.length]!;
      return { kind: 'answer', text: `Here is the answer: ${payload} and troops were deployed.`, reasoning: payload };
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'candor-untrusted-'));
  const db = join(dir, 'c.db');
  const logs: string[] = [];
  try {
    const env = { OPENAI_API_KEY: SECRET };
    const audit = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--samples', '2'], { env });
    assert.equal(audit.code, 0, audit.stderr);
    logs.push(audit.stdout, audit.stderr);
    for (const format of FORMATS) {
      const r = await cli(['report', 'latest', '--format', format, '--out', join(dir, `report.${format}`), '--db', db], { env });
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      logs.push(r.stdout, r.stderr);
    }
    for (const args of [['export', 'latest', '--out', join(dir, 'answers.jsonl')], ['runs', '--json'], ['show', 'latest', '--json'], ['show', 'latest']]) {
      const r = await cli([...args, '--db', db], { env });
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      logs.push(r.stdout, r.stderr);
    }
  } finally {
    await server.close();
  }
  return { dir, db, logs };
}

const run = hostileRun();

test('the API key appears in no artifact of a run: database, exports, reports, logs', async () => {
  const { dir, logs } = await run;
  const files = readdirSync(dir);
  assert.ok(files.includes('c.db') && files.includes('answers.jsonl') && files.includes('report.html'));
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    assert.ok(!bytes.includes(SECRET), `${f} contains the key`);
    assert.ok(!bytes.includes(Buffer.from(SECRET, 'utf16le')), `${f} contains the key (UTF-16)`);
  }
  for (const log of logs) assert.ok(!log.includes(SECRET), 'a log contains the key');
});

test('every text report format escapes model output', async () => {
  const { dir } = await run;
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.ok(!/<script>window\.__pwned/i.test(html) && !/<img src=x onerror/i.test(html) && !/<svg onload/i.test(html), 'raw markup in HTML');
  assert.ok(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'), 'payload shown as text in HTML');
  const junit = readFileSync(join(dir, 'report.junit'), 'utf8');
  assert.ok(!junit.includes('<script>') && !junit.includes(']]><script>'), 'raw markup in JUnit XML');
  const md = readFileSync(join(dir, 'report.md'), 'utf8');
  assert.ok(!/<script>|<img |<svg |<iframe /i.test(md), 'raw HTML in Markdown (renderers would run it)');
  const csv = readFileSync(join(dir, 'report.csv'), 'utf8');
  for (const line of csv.split('\n')) {
    for (const cell of line.split(',')) assert.ok(!/^"?[=+\-@]/.test(cell) || /^"?'/.test(cell) || /^"?-?\d/.test(cell), `formula-like CSV cell: ${cell.slice(0, 40)}`);
  }
  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.equal(typeof json.schemaVersion, 'number');
});

test('the HTML report with the whole XSS corpus runs no script in Chromium', { skip: !hasChromium() && 'needs /usr/bin/chromium' }, async () => {
  const { dir } = await run;
  const ctx = await launchChromium();
  try {
    const page = await ctx.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    for (const d of await page.locator('details').all()) await d.locator('summary').first().click().catch(() => undefined);
    await page.mouse.move(10, 10);
    await page.mouse.move(400, 400);
    assert.equal(await page.evaluate('window.__pwned'), undefined, 'a payload ran');
    assert.equal(dialogs, 0);
    assert.equal(await page.locator('#transcripts iframe, #transcripts img, #transcripts svg, #transcripts script').count(), 0);
  } finally {
    await ctx.close();
  }
});
