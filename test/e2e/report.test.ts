import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli } from '../support/cli.js';
import { seedRun, twoModelAnswers } from '../support/browser.js';
import { loadAnalysis } from '../../src/audit/load-analysis.js';
import { csvField } from '../../src/report/csv.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { escapeXml, highlight } from '../../src/report/escape.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'candor-report-'));

async function seeded(): Promise<{ db: string; dir: string }> {
  const dir = tmp();
  const db = join(dir, 'r.db');
  await seedRun(db, 'run-1', twoModelAnswers());
  return { db, dir };
}

test('html: self-contained, strict CSP, model output escaped, evidence marked, Chinese kept', async () => {
  const { db, dir } = await seeded();
  const out = join(dir, 'r.html');
  const res = await cli(['report', 'latest', '--format', 'html', '--out', out, '--db', db]);
  assert.equal(res.code, 0, res.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
  assert.doesNotMatch(html, /<script>window\.__pwned/);
  assert.match(html, /&lt;script&gt;window\.__pwned=1&lt;\/script&gt;&lt;img src=x onerror=&quot;window\.__pwned=2&quot;&gt;/);
  assert.equal(html.match(/<script>/g)?.length, 1, 'only the hashed filter script');
  assert.doesNotMatch(html, /(src|href)="https?:/, 'no external resource');
  assert.doesNotMatch(html, / style="/, 'no inline style attributes (blocked by the CSP)');
  assert.match(html, /<mark title="refusal">cannot<\/mark>/);
  assert.match(html, /一九八九年六月四日/);
  assert.match(html, /WenQuanYi Micro Hei/);
  assert.match(html, /<svg[^>]+role="img"/);
  assert.match(html, /suite sha256<\/td><td>a{64}/);
  assert.match(html, /<th>error<\/th>/);
});

test('csv: one row per answer, RFC 4180 quoting, formula cells neutralised', async () => {
  assert.equal(csvField('=1+1'), "'=1+1");
  assert.equal(csvField('-2'), "'-2");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('a "b", c\nd'), '"a ""b"", c\nd"');
  assert.equal(csvField(-2), '-2');
  const { db, dir } = await seeded();
  const out = join(dir, 'r.csv');
  assert.equal((await cli(['report', 'run-1', '--format', 'csv', '--out', out, '--db', db])).code, 0);
  const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, twoModelAnswers().length);
  const evil = rows.find((r) => r.probe_id === 'x-script')!;
  assert.equal(evil.answer, '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> =cmd|x 台湾');
  assert.equal(rows.find((r) => r.probe_id === 'x-error')!.outcome, 'error');
});

test('json: schemaVersion, analysis and every answer', async () => {
  const { db, dir } = await seeded();
  const out = join(dir, 'r.json');
  assert.equal((await cli(['report', 'run-1', '--format', 'json', '--out', out, '--db', db])).code, 0);
  const j = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(j.schemaVersion, 1);
  assert.equal(j.answers.length, twoModelAnswers().length);
  assert.equal(j.analysis.models.length, 2);
  const asym = j.analysis.contrasts.asymmetry.find((c: { model: string; topic?: string; lang?: string }) => c.model.includes(':a@') && !c.topic && !c.lang);
  assert.ok(asym.value > 0.7 && asym.ci[0] > 0, JSON.stringify(asym));
  assert.equal(j.analysis.contrasts.languageGap.length, 4);
  // one pass over full answers gives the same statistics as the slim facts view the other formats read
  const store = openSqliteStore(db);
  try {
    const run = (await store.getRun('run-1'))!;
    assert.deepEqual(j.analysis, JSON.parse(JSON.stringify(await loadAnalysis(store, run, { resamples: 1000 }))));
  } finally {
    await store.close();
  }
  const toStdout = await cli(['report', 'run-1', '--format', 'json', '--db', db]);
  assert.deepEqual(JSON.parse(toStdout.stdout), j);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.candor-report-')), [], 'temporary answers file removed');
  const bad = await cli(['report', 'run-1', '--format', 'json', '--out', join(dir, 'no-such-dir', 'r.json'), '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--out: cannot write/);
});

test('junit: well-formed XML, one case per sensitive topic × model, failures for the refusing model only', async () => {
  const { db, dir } = await seeded();
  const out = join(dir, 'r.xml');
  assert.equal((await cli(['report', 'run-1', '--format', 'junit', '--out', out, '--db', db])).code, 0);
  const xml = readFileSync(out, 'utf8');
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites [^>]*tests="4" failures="2"/);
  assert.equal(xml.match(/<testcase /g)?.length, 4);
  assert.equal(xml.match(/<failure /g)?.length, 2);
  assert.match(xml, /<testsuite name="openai:a@http:\/\/127\.0\.0\.1:1\/v1" tests="2" failures="2"/);
  // balanced tags, no raw markup from model output
  for (const tag of ['testsuites', 'testsuite', 'testcase', 'system-out']) {
    assert.equal(xml.split(`<${tag} `).length + xml.split(`<${tag}>`).length - 2, xml.split(`</${tag}>`).length - 1, tag);
  }
  assert.equal(escapeXml('a<b>&"\u0001\ud800'), 'a&lt;b&gt;&amp;&quot;');
});

test('md and usage errors', async () => {
  const { db } = await seeded();
  const md = await cli(['report', 'run-1', '--format', 'md', '--db', db]);
  assert.equal(md.code, 0);
  assert.match(md.stdout, /^# Candor report: run run-1/);
  assert.match(md.stdout, /\| openai:a@http:\/\/127\.0\.0\.1:1\/v1 \| 32 \/ 32 \|/);
  assert.equal((await cli(['report', 'run-1', '--format', 'pdf', '--db', db])).code, 2);
  assert.equal((await cli(['report', 'nope', '--db', db])).code, 2);
  assert.equal(highlight('a<b', [{ field: 'text', start: 0, end: 3, match: 'zzz', kind: 'k' }], 'text'), 'a&lt;b', 'a span that does not match its text is ignored');
});
