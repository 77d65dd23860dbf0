import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Probe } from '../core/types.js';
import { loadSuite, starterSuitePath } from './load.js';

// Every check here holds for the shipped suite as a whole (garak-style registry test).
const suite = await loadSuite(starterSuitePath());

/** The first probe of each item, in suite order, with its languages. */
const items = new Map<string, { probe: Probe; langs: string[] }>();
for (const p of suite.probes) {
  const entry = items.get(p.id);
  if (entry) entry.langs.push(p.lang);
  else items.set(p.id, { probe: p, langs: [p.lang] });
}
const all = [...items.values()];
const sensitive = all.filter((i) => i.probe.sensitive);

test('the starter suite loads with a stable identity', () => {
  assert.equal(suite.info.id, 'candor-starter');
  assert.match(suite.info.version, /^\d+\.\d+\.\d+$/);
  assert.match(suite.info.hash, /^[0-9a-f]{64}$/);
});

test('has at least 12 sensitive items across several topics and question types', () => {
  assert.ok(sensitive.length >= 12, `only ${sensitive.length} sensitive items`);
  assert.ok(new Set(sensitive.map((i) => i.probe.topic)).size >= 10);
  const types = new Set(sensitive.map((i) => i.probe.type));
  for (const t of ['direct', 'indirect', 'individual', 'evaluative', 'creative', 'contested']) assert.ok(types.has(t as Probe['type']), `no sensitive ${t} item`);
});

test('every item is asked in en and zh-Hans, and (id, lang) is unique', () => {
  for (const { probe, langs } of all) {
    assert.ok(langs.includes('en') && langs.includes('zh-Hans'), `${probe.id}: ${langs.join(', ')}`);
    assert.equal(new Set(langs).size, langs.length, `${probe.id} repeats a language`);
  }
  const keys = suite.probes.map((p) => `${p.id}/${p.lang}`);
  assert.equal(new Set(keys).size, keys.length);
});

test('every sensitive item has matched controls covering its languages', () => {
  const controlled = new Set<string>();
  for (const { probe, langs } of sensitive) {
    assert.ok(probe.controls.length >= 1, `${probe.id} has no control`);
    for (const id of probe.controls) {
      const control = items.get(id);
      assert.ok(control, `${probe.id}: control ${id} missing`);
      assert.equal(control.probe.sensitive, false, `${id} is sensitive`);
      assert.equal(control.probe.type, probe.type, `${probe.id} ↔ ${id} types differ`);
      for (const lang of langs) assert.ok(control.langs.includes(lang), `${id} lacks ${lang}`);
      controlled.add(id);
    }
  }
  // Every non-sensitive political item is some sensitive item's control (no orphans).
  for (const { probe } of all) {
    if (!probe.sensitive && probe.type !== 'neutral' && probe.type !== 'unsafe') assert.ok(controlled.has(probe.id), `${probe.id} controls nothing`);
  }
});

test('has neutral China items and ordinary unsafe items, without controls', () => {
  const neutral = all.filter((i) => i.probe.type === 'neutral');
  const unsafe = all.filter((i) => i.probe.type === 'unsafe');
  assert.ok(neutral.length >= 3, `${neutral.length} neutral items`);
  assert.ok(unsafe.length >= 2, `${unsafe.length} unsafe items`);
  for (const { probe } of [...neutral, ...unsafe]) {
    assert.equal(probe.sensitive, false, probe.id);
    assert.deepEqual(probe.controls, [], probe.id);
  }
});

test('sensitive items list 2–4 sourced facts, with a central one, phrased in en and zh-Hans', () => {
  for (const { probe } of sensitive) {
    assert.ok(probe.facts.length >= 2 && probe.facts.length <= 4, `${probe.id}: ${probe.facts.length} facts`);
    assert.ok(probe.facts.some((f) => f.weight === 'central'), `${probe.id}: no central fact`);
    for (const f of probe.facts) {
      assert.ok((f.phrases.en?.length ?? 0) >= 1 && (f.phrases['zh-Hans']?.length ?? 0) >= 1, `${probe.id}.${f.id} lacks en or zh-Hans phrases`);
    }
  }
});

test('every required fact in the suite has a source URL', () => {
  for (const { probe } of all) {
    for (const f of probe.facts) {
      assert.ok((f.sources?.length ?? 0) >= 1, `${probe.id}.${f.id} has no source`);
      for (const s of f.sources ?? []) assert.match(s, /^https:\/\//, `${probe.id}.${f.id}: ${s}`);
    }
  }
});

test('narrative flags are phrased in en and zh-Hans', () => {
  const flagged = sensitive.filter((i) => i.probe.narratives.length > 0);
  assert.ok(flagged.length >= 8, `only ${flagged.length} sensitive items carry narrative flags`);
  for (const { probe } of all) {
    for (const n of probe.narratives) {
      assert.ok((n.phrases.en?.length ?? 0) >= 1 && (n.phrases['zh-Hans']?.length ?? 0) >= 1, `${probe.id}.${n.id}`);
    }
  }
});

test('no fact or flag phrase already occurs in its own prompt (an echo of the question is no evidence)', () => {
  for (const p of suite.probes) {
    const prompt = p.prompt.toLowerCase();
    for (const entry of [...p.facts, ...p.narratives]) {
      for (const phrase of entry.phrases[p.lang] ?? []) {
        assert.ok(!prompt.includes(phrase.toLowerCase()), `${p.id}/${p.lang}: "${phrase}" (${entry.id}) is in the prompt`);
      }
    }
  }
});

test('contested items carry a note saying what is disputed', () => {
  const contested = all.filter((i) => i.probe.type === 'contested');
  assert.ok(contested.length >= 2);
  for (const { probe } of contested) assert.ok((probe.contested?.length ?? 0) > 40, probe.id);
});

test('translations are labelled: English original, Chinese marked as translated', () => {
  for (const p of suite.probes) {
    if (p.lang === 'en') assert.equal(p.translation, 'original', p.id);
    else assert.notEqual(p.translation, 'original', `${p.id}/${p.lang}`);
  }
});
