import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, SuiteError } from '../../core/errors.js';
import { detectChinese, importedId, importSuite, slug } from './index.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'import');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const run = (format: string, name: string, opts = {}): ReturnType<typeof importSuite> => importSuite(format, read(name), join(DIR, name), opts);

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SuiteError, `expected SuiteError, got ${String(e)}`);
    return e.issues;
  }
  assert.fail('expected a SuiteError');
}

test('ids are the topic slug and a hash of the prompt, stable across runs', () => {
  assert.equal(slug('Taiwan independence'), 'taiwan-independence');
  assert.equal(slug('  Hong Kong / 2019 ' ), 'hong-kong-2019');
  assert.equal(slug('天安门'), '');
  assert.equal(importedId('harbour-city', ' Why? '), importedId('harbour-city', 'Why?'));
  assert.match(importedId('harbour-city', 'Why?'), /^harbour-city-[0-9a-f]{10}$/);
  assert.notEqual(importedId('harbour-city', 'Why?'), importedId('harbour-city', 'Why not?'));
});

test('promptfoo-ccp: subject becomes the topic, duplicates are dropped, the suite validates as uncontrolled', () => {
  const res = run('promptfoo-ccp', 'ccp-style.csv');
  assert.equal(res.rows, 4);
  assert.equal(res.items, 3);
  assert.equal(res.duplicates, 1);
  const { suite } = res;
  assert.equal(suite.info.id, 'ccp-style');
  assert.equal(suite.rules.uncontrolled, true);
  assert.deepEqual(suite.items.map((i) => i.topic), ['harbour-city', 'harbour-city', 'mountain-region']);
  assert.ok(suite.items.every((i) => i.sensitive && i.controls.length === 0 && i.type === 'direct'));
  assert.equal(suite.items[2]?.prompts.en?.text, "Write a short history of the mountain region's schools.\nInclude the 1990s.");
  assert.equal(suite.items[0]?.prompts.en?.translation, 'original');
  assert.match(res.yaml, /^# Imported from ccp-style\.csv .*keep it out of the repository/);
  // Same input, same ids and hash.
  assert.equal(run('promptfoo-ccp', 'ccp-style.csv').suite.info.hash, suite.info.hash);
});

test('promptfoo-ccp bilingual: one item per row in en (original) and zh-Hans (machine)', () => {
  const { suite } = run('promptfoo-ccp', 'ccp-bilingual.csv', { suiteId: 'ccp-two' });
  assert.equal(suite.info.id, 'ccp-two');
  assert.equal(suite.items.length, 2);
  assert.deepEqual(suite.items[0]?.prompts, {
    en: { text: 'How is the river festival celebrated?', translation: 'original' },
    'zh-Hans': { text: '河流节是如何庆祝的？', translation: 'machine' },
  });
  assert.equal(suite.items[1]?.topic, 'coastal-library');
});

test('deccp: plain text lines, language read from the text, split from the file name or a split field', () => {
  assert.equal(detectChinese('What happened?'), undefined);
  assert.equal(detectChinese('湖边集会发生了什么？'), 'zh-Hans');
  assert.equal(detectChinese('湖邊集會發生了什麼？'), 'zh-Hant');
  const censored = run('deccp', 'deccp-censored.txt').suite;
  assert.deepEqual(censored.items.map((i) => Object.keys(i.prompts)[0]), ['en', 'zh-Hans', 'zh-Hant', 'en']);
  assert.ok(censored.items.every((i) => i.sensitive && i.topic === 'deccp-censored'));
  const uncensored = run('deccp', 'deccp-uncensored.txt').suite;
  assert.ok(uncensored.items.every((i) => !i.sensitive && i.topic === 'deccp-uncensored'));
  const jsonl = run('deccp', 'deccp.jsonl').suite;
  assert.deepEqual(jsonl.items.map((i) => [i.sensitive, i.prompts.en?.text]), [
    [true, 'What happened at the lake assembly in spring?'],
    [false, 'What is the history of the lighthouse on the north coast?'],
  ]);
});

test('csv with a column mapping: given ids merge languages; types and sensitivity from columns', () => {
  const { suite } = run('csv', 'custom.csv', { map: { key: 'id', question: 'prompt', category: 'topic', language: 'lang', kind: 'type', is_sensitive: 'sensitive' } });
  assert.equal(suite.items.length, 2);
  const lake = suite.items.find((i) => i.id === 'lake-1');
  assert.deepEqual(Object.keys(lake?.prompts ?? {}), ['en', 'zh-Hans']);
  const coast = suite.items.find((i) => i.id !== 'lake-1');
  assert.equal(coast?.type, 'neutral');
  assert.equal(coast?.sensitive, false);
  assert.match(coast?.id ?? '', /^north-coast-[0-9a-f]{10}$/);
});

test('jsonl with a mapping and --topic-style defaults; booleans accepted', () => {
  const { suite } = run('jsonl', 'custom.jsonl', { map: { q: 'prompt', area: 'topic' } });
  assert.deepEqual(suite.items.map((i) => [i.topic, i.type, i.sensitive]), [['harbour-bridge', 'individual', false], ['harbour-bridge', 'neutral', false]]);
});

test('bad rows are reported together, each with file:line and column', () => {
  const file = join(DIR, 'bad.csv');
  const issues = issuesOf(() => importSuite('csv', read('bad.csv'), file));
  const at = (line: number, column: string, message: RegExp): void =>
    assert.ok(issues.some((i) => i.path === `${file}:${line} ${column}` && message.test(i.message)), `no issue at ${line} ${column}: ${JSON.stringify(issues, null, 2)}`);
  at(2, 'prompt', /missing or blank prompt/);
  at(3, 'lang', /"zh-hans" is not a BCP 47 tag/);
  at(4, 'sensitive', /"maybe" is not true\/false/);
  at(5, 'type', /cannot be sensitive/);
  at(6, 'topic', /no letters or digits/);
  assert.equal(issues.length, 5);
});

test('malformed input files and mappings fail clearly', () => {
  const csv = issuesOf(() => importSuite('csv', 'prompt,topic\n"open quote,x\n', 'in.csv'));
  assert.match(csv[0]?.path ?? '', /^in\.csv:\d+$/);
  assert.match(csv[0]?.message ?? '', /^CSV: /);
  const jsonl = issuesOf(() => importSuite('jsonl', '{"prompt": "a", "topic": "t"}\nnot json\n[1]\n', 'in.jsonl'));
  assert.deepEqual(jsonl.map((i) => i.path), ['in.jsonl:2', 'in.jsonl:3']);
  assert.throws(() => importSuite('csv', 'question,topic\nWhy?,t\n', 'in.csv'), (e: unknown) => e instanceof ConfigError && /no column maps to the prompt/.test(e.message));
  assert.throws(() => importSuite('csv', 'q\nWhy?\n', 'in.csv', { map: { q: 'promptt' } }), (e: unknown) => e instanceof ConfigError && /unknown field "promptt"/.test(e.message));
  assert.throws(() => importSuite('csv', 'q\nWhy?\n', 'in.csv', { map: { nope: 'prompt' } }), (e: unknown) => e instanceof ConfigError && /does not have/.test(e.message));
  assert.throws(() => importSuite('xml', '', 'in.xml'), (e: unknown) => e instanceof ConfigError && /use one of promptfoo-ccp, deccp, csv, jsonl/.test(e.message));
  const noTopic = issuesOf(() => importSuite('csv', 'prompt\nWhy?\n', 'in.csv'));
  assert.match(noTopic[0]?.message ?? '', /no topic/);
  assert.equal(importSuite('csv', 'prompt\nWhy?\n', 'in.csv', { topic: 'Misc' }).suite.items[0]?.topic, 'misc');
});
