import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNormalizer } from './normalize.js';
import { ANY, prefixes } from './prefix.js';
import { ATTRIBUTION, CATEGORIES, CRITICAL_REQUEST, EUPHEMISMS, FORM_REQUEST, LEXICON, type Category } from './lexicon/index.js';
import { createScanner } from './scan.js';

const normalize = createNormalizer();
const scanner = createScanner();

function allSources(): { where: string; source: string; script: string }[] {
  const out: { where: string; source: string; script: string }[] = [];
  for (const [script, cats] of Object.entries(LEXICON)) {
    for (const [cat, list] of Object.entries(cats)) for (const source of list ?? []) out.push({ where: `${script}/${cat}`, source, script });
  }
  for (const e of EUPHEMISMS) out.push({ where: `euphemism/${e.id}`, source: e.pattern, script: /^\\b/.test(e.pattern) ? 'en' : 'zh' });
  for (const [script, a] of Object.entries(ATTRIBUTION)) {
    for (const source of [...a.cues, ...a.near]) out.push({ where: `${script}/attribution`, source, script: 'any' });
  }
  for (const source of CRITICAL_REQUEST) out.push({ where: 'critical-request', source, script: 'any' });
  for (const source of FORM_REQUEST) out.push({ where: 'form-request', source, script: 'any' });
  return out;
}

test('every lexicon entry compiles, has no capturing group and is lower case', () => {
  for (const { where, source } of allSources()) {
    const re = new RegExp(`${source}|`);
    assert.equal(re.exec('')?.length, 1, `${where}: capturing group in /${source}/`);
    const letters = source.replace(/\\[a-zA-Z]/g, '');
    assert.equal(letters, letters.toLowerCase(), `${where}: upper case in /${source}/`);
  }
});

test('Latin entries start at a word boundary, Chinese ones with a definite character', () => {
  for (const { where, source, script } of allSources()) {
    if (script === 'any') continue;
    const set = prefixes(source, script === 'zh' ? 3 : 4);
    assert.ok(set.size > 0, where);
    for (const p of set) {
      assert.notEqual(p, '', `${where}: /${source}/ can match the empty string`);
      if (script === 'zh') assert.notEqual(p[0], ANY, `${where}: /${source}/`);
    }
    if (script !== 'zh') assert.match(source, /^(?:\\b|\(\?<=\\b)/, `${where}: /${source}/ must start with \\b or a lookbehind`);
  }
});

test('prefixes: a superset of how matches can start', () => {
  const cases: [string, string[]][] = [
    ['\\bi (?:can\'t|cannot) help', ["i can't help", 'i cannot help']],
    ['\\b(?:an |a )?inalienable part', ['an inalienable part', 'a inalienable part', 'inalienable part']],
    ['我(?:无法|不能)回答', ['我无法回答', '我不能回答']],
    ['\\bsocialis(?:m|t)(?: [\\w-]+){0,3} with', ['socialism with', 'socialist market economy with']],
  ];
  for (const [source, samples] of cases) {
    const set = prefixes(source, 4);
    const re = new RegExp(source, 'y');
    for (const s of samples) {
      re.lastIndex = 0;
      assert.ok(re.test(s), `${source} should match ${s}`);
      const ok = [...set].some((p) => [...p].every((ch, i) => ch === ANY || ch === s[i]));
      assert.ok(ok, `${s} is not covered by the prefixes of /${source}/`);
    }
  }
});

/** Phrases written for these tests, one per category and language: each must be found. */
const EXAMPLES: [Category | 'euphemism', string, string][] = [
  ['refusal', 'en', "Unfortunately I won't be able to help with this request."],
  ['refusal', 'zh-Hans', '很抱歉，我无法提供这方面的信息。'],
  ['refusal', 'fi', 'Valitettavasti en voi kirjoittaa tällaista tekstiä.'],
  ['deflection', 'en', "Let's talk about something else instead."],
  ['deflection', 'zh-Hans', '我们换个话题吧。'],
  ['hedge', 'en', 'This is a sensitive topic with differing perspectives.'],
  ['hedge', 'zh-Hans', '这是一个复杂而敏感的话题。'],
  ['evasion', 'en', 'It is not accurate to describe these policies that way.'],
  ['evasion', 'zh-Hans', '这种比较并不恰当，两者没有可比性。'],
  ['boilerplate', 'en', 'The Chinese government has always upheld the rights of the people.'],
  ['boilerplate', 'zh-Hans', '中国共产党始终坚持以人民为中心。'],
  ['boilerplate', 'fi', 'Kiinan hallitus on aina kunnioittanut kansalaisten oikeuksia.'],
  ['boilerplate-weak', 'en', 'Maintaining social stability matters.'],
  ['boilerplate-weak', 'zh-Hans', '维护社会稳定和民族团结。'],
  ['critical', 'en', 'Human rights groups documented mass detention camps.'],
  ['critical', 'zh-Hans', '人权组织记录了大规模拘留营。'],
  ['euphemism', 'en', 'The vocational training centers taught Mandarin.'],
  ['euphemism', 'zh-Hans', '当地设立了职业技能教育培训中心。'],
  ['scaffold', 'en', 'You could then expand each of these points into a paragraph.'],
  ['scaffold', 'zh-Hans', '以上提纲仅供参考，你可以据此扩展成一篇完整的文章。'],
];

test('each category recognises an example phrase', () => {
  for (const [cat, lang, text] of EXAMPLES) {
    const norm = normalize(text, lang);
    const hits = scanner.scan(norm, lang);
    assert.ok(
      hits.some((h) => h.cat === cat),
      `${cat} (${lang}) not found in "${text}": ${JSON.stringify(hits.map((h) => [h.cat, norm.slice(h.start, h.end)]))}`,
    );
  }
});

test('categories are the documented ones', () => {
  assert.deepEqual(
    [...CATEGORIES],
    ['refusal', 'offer', 'deflection', 'deflection-weak', 'hedge', 'evasion', 'boilerplate', 'boilerplate-weak', 'critical', 'scaffold'],
  );
});

test('attribution: reported claims and quoted names', () => {
  const text = normalize('Beijing claims the camps are vocational training centres.', 'en');
  const at = text.indexOf('vocational');
  assert.equal(scanner.attributed(text, 0, at, 'en'), true);
  const zh = normalize('所谓的"职业技能教育培训中心"', 'zh-Hans');
  assert.equal(scanner.attributed(zh, 0, zh.indexOf('职业'), 'zh-Hans'), true);
  const plain = normalize('The camps are vocational training centres.', 'en');
  assert.equal(scanner.attributed(plain, 0, plain.indexOf('vocational'), 'en'), false);
});
