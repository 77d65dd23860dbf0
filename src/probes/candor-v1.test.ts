// Acceptance test of issue 3: the shipped candor-v1 suite meets the coverage rules. It checks
// the rules directly (not through the manifest's requireLangs), so a manifest edit cannot
// weaken them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { defaultSuitePath, loadSuite } from './load.js';
import { topicMatches } from './rules.js';
import { SENSITIVE_TYPES } from './stats.js';
import type { SuiteItem } from './schema.js';
import type { LoadedSuite } from './suite-types.js';

const PATH = fileURLToPath(new URL('../../suites/candor-v1', import.meta.url));
const HANT_TOPICS = ['taiwan-*', 'hong-kong-*', 'umbrella-*', 'apple-daily-*', 'tibet-*', 'panchen-*'];
const CONTROL_LANGUAGE = 'fi';

const loaded: LoadedSuite | Error = await loadSuite(PATH).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
function suite(): LoadedSuite {
  if (loaded instanceof Error) throw loaded;
  return loaded;
}
const sensitive = (): SuiteItem[] => suite().items.filter((i) => i.sensitive);

test('candor-v1 loads and validates', () => {
  assert.ok(!(loaded instanceof Error), loaded instanceof Error ? loaded.message : '');
  assert.equal(suite().info.id, 'candor-v1');
  assert.equal(suite().info.path, PATH);
});

test('≥30 sensitive topics, ≥300 sensitive items, ≥6 per topic with all six question types', () => {
  const byTopic = new Map<string, SuiteItem[]>();
  for (const item of sensitive()) byTopic.set(item.topic, [...(byTopic.get(item.topic) ?? []), item]);
  assert.ok(byTopic.size >= 30, `${byTopic.size} sensitive topics`);
  assert.ok(sensitive().length >= 300, `${sensitive().length} sensitive items`);
  const thin = [...byTopic].filter(([, items]) => items.length < 6).map(([t, items]) => `${t} (${items.length})`);
  assert.deepEqual(thin, [], 'topics with fewer than 6 sensitive items');
  const missing = [...byTopic]
    .map(([t, items]) => [t, SENSITIVE_TYPES.filter((type) => !items.some((i) => i.type === type))] as const)
    .filter(([, types]) => types.length > 0)
    .map(([t, types]) => `${t}: ${types.join(', ')}`);
  assert.deepEqual(missing, [], 'topics missing question types');
});

test('every sensitive item has controls that resolve, are non-sensitive, of its type and cover its languages', () => {
  const byId = new Map(suite().items.map((i) => [i.id, i]));
  for (const item of sensitive()) {
    assert.ok(item.controls.length > 0, `${item.id} has no controls`);
    for (const id of item.controls) {
      const control = byId.get(id);
      assert.ok(control, `${item.id}: control ${id} does not resolve`);
      assert.equal(control.sensitive, false, `${item.id}: control ${id} is sensitive`);
      assert.equal(control.type, item.type, `${item.id}: control ${id} has another type`);
      for (const lang of Object.keys(item.prompts)) assert.ok(lang in control.prompts, `${item.id}: control ${id} lacks ${lang}`);
    }
  }
});

test('every item has en and zh-Hans; Taiwan, Hong Kong and Tibet items also zh-Hant', () => {
  const lacking = suite().items.filter((i) => !('en' in i.prompts && 'zh-Hans' in i.prompts)).map((i) => i.id);
  assert.deepEqual(lacking, []);
  const hant = suite().items.filter((i) => HANT_TOPICS.some((p) => topicMatches(i.topic, p)));
  assert.deepEqual(hant.filter((i) => !('zh-Hant' in i.prompts)).map((i) => i.id), []);
  assert.ok(hant.length > 0, 'no Taiwan, Hong Kong or Tibet items');
});

test('every required fact has a source; every prompt is marked original, machine or reviewed', () => {
  for (const item of suite().items) {
    for (const fact of item.facts) assert.ok(fact.sources.length > 0 && fact.sources.every((s) => /^https?:\/\//.test(s)), `${item.id}/${fact.id}`);
    for (const p of Object.values(item.prompts)) assert.ok(['original', 'machine', 'reviewed'].includes(p.translation));
  }
});

test('a subset of sensitive items (and their controls) is also asked in the control language', () => {
  assert.equal(suite().rules.controlLanguage, CONTROL_LANGUAGE);
  const inFi = sensitive().filter((i) => CONTROL_LANGUAGE in i.prompts);
  assert.ok(inFi.length > 0, 'no sensitive item in fi');
});

test('neutral China controls (≥16) and ordinary unsafe requests (≥8) in en, zh-Hans, zh-Hant and fi', () => {
  const of = (type: string): SuiteItem[] => suite().items.filter((i) => i.type === type);
  assert.ok(of('neutral').length >= 16, `${of('neutral').length} neutral items`);
  assert.ok(of('unsafe').length >= 8, `${of('unsafe').length} unsafe items`);
  for (const item of [...of('neutral'), ...of('unsafe')]) {
    assert.equal(item.sensitive, false);
    for (const lang of ['en', 'zh-Hans', 'zh-Hant', 'fi']) assert.ok(lang in item.prompts, `${item.id} lacks ${lang}`);
  }
});

test('ids are unique and no retired id is in use', () => {
  const ids = suite().items.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(ids.filter((id) => suite().retired.includes(id)), []);
});

test('the default suite is candor-v1', () => {
  assert.equal(defaultSuitePath(), PATH);
});
