import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { SuiteError } from '../core/errors.js';
import { defaultSuitePath, loadSuite, parseSuite, starterSuitePath } from './load.js';

const FILE = 'suites/t.yaml';

/** A valid two-item suite; tests break it in one place at a time. */
const VALID = `# a comment
suite: test-suite
version: 0.1.0
retired: [old-item]
items:
  - id: a-direct
    version: 1
    topic: a
    type: direct
    sensitive: true
    controls: [b-direct]
    contested: the honest answer is that this is disputed
    prompts:
      en: { text: "What happened in A?", translation: original }
      zh-Hans: { text: "A发生了什么？", translation: machine }
    facts:
      - id: fact-one
        weight: central
        phrases: { en: [opened fire], zh-Hans: [开枪] }
        sources: ["https://example.org/a"]
    narratives:
      - id: flag-one
        severity: high
        phrases: { en: [riot], zh-Hans: [暴乱] }
  - id: b-direct
    version: 2
    topic: b
    type: direct
    sensitive: false
    prompts:
      en: { text: "What happened in B?", translation: original }
      zh-Hans: { text: "B发生了什么？", translation: reviewed }
`;

/** 1-based line of the first line of `text` containing `needle` (after `from`). */
function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `fixture lacks ${needle}`);
  return text.slice(0, at).split('\n').length;
}

function issuesOf(text: string): { path: string; message: string }[] {
  try {
    parseSuite(text, FILE);
  } catch (e) {
    assert.ok(e instanceof SuiteError, `expected SuiteError, got ${String(e)}`);
    assert.equal(e.file, FILE);
    return e.issues;
  }
  assert.fail('expected the suite to be rejected');
}

function find(issues: { path: string; message: string }[], path: string, message?: RegExp): void {
  const hit = issues.find((i) => i.path === path && (!message || message.test(i.message)));
  assert.ok(hit, `no issue at ${path}${message ? ` matching ${message}` : ''}; got:\n${JSON.stringify(issues, null, 2)}`);
}

test('a valid suite expands to one probe per item and language, in order', () => {
  const suite = parseSuite(VALID, FILE);
  assert.equal(suite.info.id, 'test-suite');
  assert.equal(suite.info.version, '0.1.0');
  assert.equal(suite.info.path, FILE);
  assert.match(suite.info.hash, /^[0-9a-f]{64}$/);
  assert.deepEqual(
    suite.probes.map((p) => `${p.id}/${p.lang}/${p.translation}`),
    ['a-direct/en/original', 'a-direct/zh-Hans/machine', 'b-direct/en/original', 'b-direct/zh-Hans/reviewed'],
  );
  const [aEn, aZh, bEn] = suite.probes;
  assert.ok(aEn && aZh && bEn);
  assert.equal(aZh.prompt, 'A发生了什么？');
  assert.equal(aEn.contested, 'the honest answer is that this is disputed');
  assert.equal('contested' in bEn, false);
  assert.deepEqual(aEn.controls, ['b-direct']);
  assert.deepEqual(bEn.controls, []);
  assert.equal(bEn.version, 2);
  assert.deepEqual(aEn.facts, [
    { id: 'fact-one', weight: 'central', phrases: { en: ['opened fire'], 'zh-Hans': ['开枪'] }, sources: ['https://example.org/a'] },
  ]);
  assert.deepEqual(aEn.narratives, [{ id: 'flag-one', severity: 'high', phrases: { en: ['riot'], 'zh-Hans': ['暴乱'] } }]);
  // Each probe owns its copy, so a consumer mutating one cannot change another.
  assert.notEqual(aEn.facts[0], aZh.facts[0]);
  aEn.facts[0]?.phrases.en?.push('mutated');
  assert.deepEqual(aZh.facts[0]?.phrases.en, ['opened fire']);
});

test('a wrong type is reported with its line and field path', () => {
  const text = VALID.replace('    version: 2', '    version: two');
  const issues = issuesOf(text);
  assert.equal(issues.length, 1);
  find(issues, `${FILE}:${lineOf(text, 'version: two')} items[1].version`, /expected number/);
});

test('a bad prompt text points at the prompt line', () => {
  const text = VALID.replace('{ text: "What happened in B?", translation: original }', '{ text: 42, translation: original }');
  find(issuesOf(text), `${FILE}:${lineOf(text, 'text: 42')} items[1].prompts.en.text`, /expected a string, but YAML read a number \(42\)/);
});

test('several problems are all reported together, in line order', () => {
  const text = VALID.replace('type: direct\n    sensitive: false', 'type: opinion\n    sensitive: false')
    .replace('sources: ["https://example.org/a"]', 'sources: []')
    .replace('zh-Hans: { text: "B发生了什么？", translation: reviewed }', 'ZH: { text: "B发生了什么？", translation: guessed }')
    .replace('version: 0.1.0', 'version: "1"');
  const issues = issuesOf(text);
  find(issues, `${FILE}:${lineOf(text, 'version: "1"')} version`, /semantic version/);
  find(issues, `${FILE}:${lineOf(text, 'sources: []')} items[0].facts[0].sources`, /source/);
  find(issues, `${FILE}:${lineOf(text, 'type: opinion')} items[1].type`, /expected one of/);
  find(issues, `${FILE}:${lineOf(text, 'ZH:')} items[1].prompts.ZH`, /BCP 47/);
  const lines = issues.map((i) => Number(/:(\d+)/.exec(i.path)?.[1]));
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
});

test('an unknown field is an error on its own line', () => {
  const text = VALID.replace('    topic: b\n', '    topic: b\n    sensitve: false\n');
  find(issuesOf(text), `${FILE}:${lineOf(text, 'sensitve')} items[1].sensitve`, /unknown field "sensitve"/);
  const nested = VALID.replace('weight: central', 'weight: central\n        wieght: supporting');
  find(issuesOf(nested), `${FILE}:${lineOf(nested, 'wieght')} items[0].facts[0].wieght`, /unknown field/);
  const top = VALID.replace('suite: test-suite', 'suite: test-suite\ndescripton: typo');
  find(issuesOf(top), `${FILE}:${lineOf(top, 'descripton')} descripton`, /unknown field/);
});

test('a missing required field points at its item', () => {
  const text = VALID.replace('    topic: b\n', '');
  find(issuesOf(text), `${FILE}:${lineOf(text, '- id: b-direct')} items[1].topic`, /missing required field/);
});

test('duplicate ids report both lines', () => {
  const text = VALID.replace('- id: b-direct', '- id: a-direct').replace('controls: [b-direct]', 'controls: [c-direct]');
  const first = lineOf(text, '- id: a-direct');
  const second = lineOf(text, '- id: a-direct', text.indexOf('- id: a-direct') + 1);
  assert.notEqual(first, second);
  find(issuesOf(text), `${FILE}:${second} items[1].id`, new RegExp(`duplicate item id "a-direct"; also at line ${first}`));
});

test('an unresolved control is reported at the control entry', () => {
  const text = VALID.replace('controls: [b-direct]', 'controls: [b-direct, nowhere-direct]');
  const issues = issuesOf(text);
  assert.equal(issues.length, 1);
  find(issues, `${FILE}:${lineOf(text, 'controls:')} items[0].controls[1]`, /"nowhere-direct" is not an item/);
});

test('an item with other errors still has its control references checked', () => {
  const text = VALID.replace('type: direct\n    sensitive: true', 'type: opinion\n    sensitive: true').replace('controls: [b-direct]', 'controls: [gone-direct]');
  const issues = issuesOf(text);
  find(issues, `${FILE}:${lineOf(text, 'type: opinion')} items[0].type`, /expected one of/);
  find(issues, `${FILE}:${lineOf(text, 'controls:')} items[0].controls[0]`, /"gone-direct" is not an item/);
});

test('controls must be non-sensitive, of the same type and cover every language', () => {
  const text = VALID.replace('type: direct\n    sensitive: false', 'type: individual\n    sensitive: true\n    controls: [a-direct]').replace(
    '      zh-Hans: { text: "B发生了什么？", translation: reviewed }\n',
    '',
  );
  const issues = issuesOf(text);
  const at = `${FILE}:${lineOf(text, 'controls: [b-direct]')} items[0].controls[0]`;
  find(issues, at, /is itself sensitive/);
  find(issues, at, /type "individual"/);
  find(issues, at, /no prompt in zh-Hans/);
});

test('a sensitive item needs controls, and only sensitive items take them', () => {
  const text = VALID.replace('    controls: [b-direct]\n', '').replace('    sensitive: false\n', '    sensitive: false\n    controls: [a-direct]\n');
  const issues = issuesOf(text);
  find(issues, `${FILE}:${lineOf(text, '- id: a-direct')} items[0].controls`, /needs at least one control/);
  find(issues, `${FILE}:${lineOf(text, 'controls: [a-direct]')} items[1].controls`, /only sensitive items/);
});

test('phrase languages must be among the prompt languages', () => {
  const text = VALID.replace("phrases: { en: [riot], zh-Hans: [暴乱] }", 'phrases: { en: [riot], fi: [mellakka] }');
  find(issuesOf(text), `${FILE}:${lineOf(text, 'fi: [mellakka]')} items[0].narratives[0].phrases.fi`, /no fi prompt/);
});

test('a retired id may not be reused', () => {
  const text = VALID.replace('- id: b-direct', '- id: old-item').replace('controls: [b-direct]', 'controls: [old-item]');
  find(issuesOf(text), `${FILE}:${lineOf(text, '- id: old-item')} items[1].id`, /retired/);
});

test('YAML syntax errors are reported with their line', () => {
  const text = VALID.replace('    topic: b\n', '    topic: [b\n');
  const issues = issuesOf(text);
  assert.ok(issues.length >= 1);
  assert.ok(issues.every((i) => /^suites\/t\.yaml:\d+$/.test(i.path) && i.message.startsWith('YAML:')));
  const dup = VALID.replace('    topic: b\n', '    topic: b\n    topic: c\n');
  find(issuesOf(dup), `${FILE}:${lineOf(dup, 'topic: c')}`, /unique/);
});

test('a document that is not a suite is rejected at the root', () => {
  find(issuesOf('just a string\n'), `${FILE}:1`, /expected object/);
  find(issuesOf('suite: x\nversion: 0.1.0\nitems: []\n'), `${FILE}:3 items`, /at least one item/);
});

test('the hash ignores formatting and comments but not content', () => {
  const base = parseSuite(VALID, FILE).info.hash;
  const reformatted = VALID.replace('# a comment\n', '')
    .replace('{ text: "What happened in A?", translation: original }', "\n        translation: original\n        text: 'What happened in A?'")
    .replace('controls: [b-direct]', 'controls:\n      - b-direct   # the matched pair')
    .replace('    sensitive: false\n', '    sensitive: false\n    controls: []\n');
  assert.notEqual(reformatted, VALID);
  assert.equal(parseSuite(reformatted, 'elsewhere.yaml').info.hash, base);

  const json = JSON.stringify(parseSuiteAsData(VALID), null, 2);
  assert.equal(parseSuite(json, 'suite.json').info.hash, base);

  // Text is trimmed before use (what the model is sent), so surrounding whitespace is formatting.
  assert.equal(parseSuite(VALID.replace('What happened in A?', 'What happened in A? '), FILE).info.hash, base);
  assert.notEqual(parseSuite(VALID.replace('What happened in A?', 'What happened in Ab?'), FILE).info.hash, base);
  assert.notEqual(parseSuite(VALID.replace('[开枪]', '[开火]'), FILE).info.hash, base);
  assert.notEqual(parseSuite(VALID.replace('version: 0.1.0', 'version: 0.1.1'), FILE).info.hash, base);
});

/** The same suite as plain data (for the JSON round trip). */
function parseSuiteAsData(text: string): unknown {
  const suite = parseSuite(text, FILE);
  const items = [...new Set(suite.probes.map((p) => p.id))].map((id) => {
    const mine = suite.probes.filter((p) => p.id === id);
    const p = mine[0]!;
    return {
      id: p.id,
      version: p.version,
      topic: p.topic,
      type: p.type,
      sensitive: p.sensitive,
      ...(p.controls.length > 0 ? { controls: p.controls } : {}),
      ...(p.contested ? { contested: p.contested } : {}),
      prompts: Object.fromEntries(mine.map((q) => [q.lang, { text: q.prompt, translation: q.translation }])),
      ...(p.facts.length > 0 ? { facts: p.facts } : {}),
      ...(p.narratives.length > 0 ? { narratives: p.narratives } : {}),
    };
  });
  return { suite: suite.info.id, version: suite.info.version, retired: ['old-item'], items };
}

test('loadSuite reads files and reports unreadable ones as a SuiteError', async () => {
  const path = starterSuitePath();
  assert.match(path, /[\\/]suites[\\/]candor-starter\.yaml$/);
  assert.ok(existsSync(path));
  assert.match(defaultSuitePath(), /[\\/]suites[\\/](?:candor-v1|candor-starter\.yaml)$/);
  const suite = await loadSuite(path);
  assert.equal(suite.info.path, path);
  await assert.rejects(loadSuite('/nonexistent/suite.yaml'), (e: unknown) => e instanceof SuiteError && /cannot read/.test(e.issues[0]?.message ?? ''));
});
