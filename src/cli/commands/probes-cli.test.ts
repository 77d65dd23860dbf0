import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../../test/support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SUITE_DIR = join(ROOT, 'test', 'fixtures', 'suite-dir', 'valid');
const IMPORT = join(ROOT, 'test', 'fixtures', 'import');

test('probes stats prints coverage for a suite directory, as text and JSON', async () => {
  const text = await cli(['probes', 'stats', '--suite', SUITE_DIR]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^dir-suite 1\.0\.0 · sha256 [0-9a-f]{16}… · 2 part files/);
  assert.match(text.stdout, /items {4}5 \(sensitive 2, control 2, neutral 1, unsafe 0\)/);
  assert.match(text.stdout, /control language fi: 2 items/);
  assert.match(text.stdout, /strait-event +1\/0 /);
  assert.match(text.stdout, /! 2 sensitive topics below 6 sensitive items or missing question types:/);
  const json = await cli(['probes', 'stats', '--suite', SUITE_DIR, '--json']);
  const stats = JSON.parse(json.stdout) as { items: { total: number }; byLang: { lang: string }[] };
  assert.equal(stats.items.total, 5);
  assert.deepEqual(stats.byLang.map((l) => l.lang).sort(), ['en', 'fi', 'zh-Hans', 'zh-Hant']);
});

test('probes import writes a suite that validates, lists as uncontrolled and is refused if it exists', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-import-'));
  try {
    const out = join(dir, 'ccp.yaml');
    const res = await cli(['probes', 'import', '--from', 'promptfoo-ccp', join(IMPORT, 'ccp-style.csv'), '--out', out]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /3 items \(3 sensitive, uncontrolled\) from 4 rows, 1 duplicate rows skipped/);
    assert.match(readFileSync(out, 'utf8'), /uncontrolled: true/);
    const list = await cli(['probes', 'list', '--json', '--suite', out]);
    const parsed = JSON.parse(list.stdout) as { suite: { uncontrolled: boolean }; items: { uncontrolled?: boolean; controls: string[] }[] };
    assert.equal(parsed.suite.uncontrolled, true);
    assert.ok(parsed.items.every((i) => i.uncontrolled === true && i.controls.length === 0));
    const stats = await cli(['probes', 'stats', '--suite', out]);
    assert.match(stats.stdout, /uncontrolled: yes/);
    assert.match(stats.stdout, /0 of 3 sensitive items have matched controls \(0 pairs\); 3 uncontrolled/);
    const again = await cli(['probes', 'import', '--from', 'promptfoo-ccp', join(IMPORT, 'ccp-style.csv'), '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);

    const mapped = await cli(['probes', 'import', '--from', 'jsonl', join(IMPORT, 'custom.jsonl'), '--out', join(dir, 'j.yaml'), '--map', 'q=prompt', '--topic-col', 'area']);
    assert.equal(mapped.code, 0, mapped.stderr);
    assert.match(mapped.stdout, /2 items \(0 sensitive, uncontrolled\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('probes import reports bad rows with file:line and exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-import-'));
  try {
    const bad = join(IMPORT, 'bad.csv');
    const res = await cli(['probes', 'import', '--from', 'csv', bad, '--out', join(dir, 'x.yaml')]);
    assert.equal(res.code, 2);
    assert.ok(res.stderr.includes(`${bad}:4 sensitive: sensitive "maybe"`), res.stderr);
    const badMap = await cli(['probes', 'import', '--from', 'csv', bad, '--out', join(dir, 'x.yaml'), '--map', 'prompt']);
    assert.equal(badMap.code, 2);
    assert.match(badMap.stderr, /--map expects column=field pairs/);
    writeFileSync(join(dir, 'in.csv'), 'prompt,topic\nWhy?,t\n');
    const badType = await cli(['probes', 'import', '--from', 'csv', join(dir, 'in.csv'), '--out', join(dir, 'x.yaml'), '--type', 'weird']);
    assert.equal(badType.code, 2);
    assert.match(badType.stderr, /--type must be one of/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
