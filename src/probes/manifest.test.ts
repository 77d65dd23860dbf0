import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiteError } from '../core/errors.js';
import { loadSuite } from './load.js';
import { selectProbes } from './select.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'suite-dir');
const VALID = join(FIXTURES, 'valid');
const BROKEN = join(FIXTURES, 'broken');

async function issuesOf(path: string): Promise<{ path: string; message: string }[]> {
  try {
    await loadSuite(path);
  } catch (e) {
    assert.ok(e instanceof SuiteError, `expected SuiteError, got ${String(e)}`);
    return e.issues;
  }
  assert.fail('expected the suite to be rejected');
}

function has(issues: { path: string; message: string }[], path: RegExp, message: RegExp): void {
  assert.ok(issues.some((i) => path.test(i.path) && message.test(i.message)), `no issue ${path} ${message}; got:\n${JSON.stringify(issues, null, 2)}`);
}

/** A copy of a fixture directory that a test may change. */
function copyOf(dir: string): string {
  const to = mkdtempSync(join(tmpdir(), 'candor-suite-dir-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

test('a directory suite merges its parts; the manifest gives identity, rules and path', async () => {
  const suite = await loadSuite(VALID);
  assert.equal(suite.info.id, 'dir-suite');
  assert.equal(suite.info.version, '1.0.0');
  assert.equal(suite.info.path, VALID);
  assert.deepEqual(suite.parts, ['a-sensitive.yaml', 'b-controls.yaml']);
  assert.deepEqual(suite.rules, { requireLangs: [{ topics: ['strait-*'], langs: ['zh-Hant'] }], uncontrolled: false, controlLanguage: 'fi' });
  assert.deepEqual(suite.retired, ['old-item']);
  // Ordered by id, whatever the part order.
  assert.deepEqual(suite.items.map((i) => i.id), ['channel-event-direct', 'hill-person-individual', 'river-neutral', 'strait-event-direct', 'valley-event-individual']);
  assert.equal(suite.probes.length, 4 + 2 + 2 + 4 + 2);
  // A control in another part resolves, and selection keeps the pair.
  const picked = selectProbes(suite.probes, { topics: ['strait-event'], langs: ['fi'] });
  assert.deepEqual(picked.map((p) => p.id).sort(), ['channel-event-direct', 'strait-event-direct']);
});

test('the manifest path loads the same suite as its directory', async () => {
  const byDir = await loadSuite(VALID);
  const byManifest = await loadSuite(join(VALID, 'suite.yaml'));
  assert.equal(byManifest.info.hash, byDir.info.hash);
  assert.equal(byManifest.info.path, VALID);
});

test('the hash ignores part order, file layout and formatting, and follows content and identity', async () => {
  const base = (await loadSuite(VALID)).info.hash;
  const dir = copyOf(VALID);
  try {
    const manifest = join(dir, 'suite.yaml');
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, text.replace('parts: auto', 'parts: [b-controls.yaml, a-sensitive.yaml]'));
    assert.equal((await loadSuite(dir)).info.hash, base);
    // Reformat one part (flow → block style, comments dropped) and move an item to the other part.
    const a = readFileSync(join(dir, 'a-sensitive.yaml'), 'utf8');
    const cut = a.indexOf('  - id: valley-event-individual');
    writeFileSync(join(dir, 'a-sensitive.yaml'), a.slice(0, cut).replace('# Sensitive items; their controls live in b-controls.yaml.\n', ''));
    writeFileSync(join(dir, 'b-controls.yaml'), `${readFileSync(join(dir, 'b-controls.yaml'), 'utf8')}${a.slice(cut)}`);
    assert.equal((await loadSuite(dir)).info.hash, base);
    writeFileSync(join(dir, 'b-controls.yaml'), readFileSync(join(dir, 'b-controls.yaml'), 'utf8').replace('How long is the river?', 'How long is the river now?'));
    assert.notEqual((await loadSuite(dir)).info.hash, base);
    writeFileSync(manifest, text.replace('version: 1.0.0', 'version: 1.0.1'));
    assert.notEqual((await loadSuite(dir)).info.hash, base);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('problems keep their own part file:line; a cross-part duplicate names both places', async () => {
  const issues = await issuesOf(BROKEN);
  const one = join(BROKEN, 'one.yaml');
  const two = join(BROKEN, 'two.yaml');
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  has(issues, new RegExp(`^${esc(one)}:9 items\\[0\\]\\.controls\\[1\\]$`), /control "missing-control" is not an item of this suite/);
  has(issues, new RegExp(`^${esc(two)}:12 items\\[1\\]\\.id$`), new RegExp(`duplicate item id "shared-id"; also at ${esc(one)}:13 items\\[1\\]`));
  has(issues, new RegExp(`^${esc(one)}:10 items\\[0\\]\\.prompts$`), /requires prompts in zh-Hant.*missing zh-Hant/);
  has(issues, new RegExp(`^${esc(two)}:\\d+ items\\[1\\]\\.prompts\\.translation$`), /invalid key/);
  // The control in the other part resolves, so it is not reported.
  assert.ok(!issues.some((i) => i.message.includes('"channel-event-direct" is not an item')));
});

test('a control must cover its sensitive item\'s languages across parts', async () => {
  const dir = copyOf(VALID);
  try {
    const b = join(dir, 'b-controls.yaml');
    writeFileSync(b, readFileSync(b, 'utf8').replace('      fi: { text: "Mitä kanaalin tapahtumassa tapahtui?", translation: machine }\n', ''));
    has(await issuesOf(dir), /a-sensitive\.yaml:10 items\[0\]\.controls\[0\]$/, /has no prompt in fi/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('manifest problems: unknown field, missing part, listed twice, no part files, items in the manifest, retired id, control language unused', async () => {
  const dir = copyOf(VALID);
  try {
    const manifest = join(dir, 'suite.yaml');
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, `${text.replace('parts: auto', 'parts: [a-sensitive.yaml, nope.yaml, a-sensitive.yaml, b-controls.yaml]')}colour: red\n`);
    let issues = await issuesOf(dir);
    has(issues, /suite\.yaml:\d+ parts\[1\]$/, /part "nope\.yaml": cannot read part file/);
    has(issues, /suite\.yaml:\d+ parts\[2\]$/, /listed twice/);
    has(issues, /suite\.yaml:\d+ colour$/, /unknown field "colour"/);

    writeFileSync(manifest, text.replace('retired: [old-item]', 'retired: [river-neutral]').replace('controlLanguage: fi', 'controlLanguage: sv'));
    issues = await issuesOf(dir);
    has(issues, /b-controls\.yaml:\d+ items\[2\]\.id$/, /retired/);
    has(issues, /suite\.yaml:\d+ controlLanguage$/, /no sensitive item has a prompt in the control language "sv"/);

    writeFileSync(manifest, text.replace('parts: auto', 'parts: ../escape.yaml'));
    has(await issuesOf(dir), /suite\.yaml:\d+ parts$/, /expected "auto" or a list/);

    writeFileSync(manifest, `${text}items: []\n`);
    has(await issuesOf(dir), /suite\.yaml:\d+ items$/, /put items in the part files/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const empty = mkdtempSync(join(tmpdir(), 'candor-suite-dir-'));
  try {
    writeFileSync(join(empty, 'suite.yaml'), 'suite: e\nversion: 0.1.0\nparts: auto\n');
    has(await issuesOf(empty), /suite\.yaml:3 parts$/, /found no \*\.yaml part files/);
    rmSync(join(empty, 'suite.yaml'));
    has(await issuesOf(empty), /suite\.yaml$/, /cannot read suite manifest/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a syntax error in one part is reported alone, on its line', async () => {
  const dir = copyOf(VALID);
  try {
    writeFileSync(join(dir, 'b-controls.yaml'), 'suite: x\nversion: 1.0.0\nitems:\n  - id: [unclosed\n');
    const issues = await issuesOf(dir);
    assert.ok(issues.length >= 1 && issues.every((i) => /b-controls\.yaml:\d+$/.test(i.path) && i.message.startsWith('YAML:')), JSON.stringify(issues));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('uncontrolled relaxes the controls requirement for the manifest, or for one part only', async () => {
  const dir = copyOf(VALID);
  try {
    const a = join(dir, 'a-sensitive.yaml');
    const text = readFileSync(a, 'utf8');
    writeFileSync(a, text.replace('    controls: [hill-person-individual]\n', ''));
    has(await issuesOf(dir), /a-sensitive\.yaml:\d+ items\[1\]\.controls$/, /needs at least one control/);
    writeFileSync(a, text.replace('    controls: [hill-person-individual]\n', '').replace('version: 1.0.0\n', 'version: 1.0.0\nuncontrolled: true\n'));
    const suite = await loadSuite(dir);
    assert.deepEqual(suite.uncontrolledIds.sort(), ['strait-event-direct', 'valley-event-individual']);
    assert.equal(suite.rules.uncontrolled, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
