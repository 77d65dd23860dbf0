/**
 * The fast read (js-yaml, core schema) must give the same data as the `yaml` Document the
 * issue locator uses, so the suite hash and every validated field do not depend on which of the
 * two read a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { lineIn, parseYaml } from './yaml-doc.js';

const SUITES = fileURLToPath(new URL('../../suites/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? yamlFiles(join(dir, d.name)) : d.name.endsWith('.yaml') ? [join(dir, d.name)] : []);
}

const viaDocument = (text: string): unknown => parseDocument(text).toJS();

test('every bundled suite file reads to the same data as through the yaml Document', () => {
  const files = yamlFiles(SUITES);
  assert.ok(files.length > 10, `found ${files.length} suite files`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const parsed = parseYaml(text, file);
    assert.ok(parsed.ok, file);
    assert.deepEqual(parsed.source.data, viaDocument(text), file);
  }
});

test('scalars resolve as YAML 1.2 core: dates, yes/no and octal-looking values as the Document reads them', () => {
  const text = [
    'date: 2024-06-04',
    'answer: yes',
    'off: off',
    'octal: 0o17',
    'leading: 017',
    'float: 1.0',
    'version: "1.0"',
    'nothing: ~',
    'inf: .inf',
    'merge: { <<: { a: 1 }, b: 2 }',
    'tagged: !!str 12',
  ].join('\n');
  const parsed = parseYaml(text, 't.yaml');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.source.data, viaDocument(text));
  assert.equal((parsed.source.data as Record<string, unknown>).date, '2024-06-04');
});

test('syntax errors and duplicate keys are reported by yaml with their line', () => {
  const bad = parseYaml('suite: x\nitems:\n  - id: a\n    id: b\n', 'dup.yaml');
  assert.ok(!bad.ok);
  assert.match(bad.issues[0]!.path, /^dup\.yaml:4$/);
  assert.match(bad.issues[0]!.message, /^YAML: /);
  const broken = parseYaml('suite: x\nitems: [a, b\n', 'broken.yaml');
  assert.ok(!broken.ok);
  assert.match(broken.issues[0]!.path, /^broken\.yaml:\d+$/);
});

test('a problem is located on its line (the Document is built on demand), BOM ignored', () => {
  const parsed = parseYaml('\uFEFFsuite: x\nitems:\n  - id: a\n    prompts:\n      en: hi\n', 'p.yaml');
  assert.ok(parsed.ok);
  assert.equal(lineIn(parsed.source, ['items', 0, 'prompts', 'en']), 5);
  assert.equal(lineIn(parsed.source, ['items', 0, 'missing']), 3);
});
