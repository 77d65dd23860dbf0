import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Converter } from 'opencc-js/t2cn';
import { createNormalizer, fold, toSimplified } from './normalize.js';
import { looksTraditional, TRADITIONAL_CHARS } from './traditional-hint.js';

const normalize = createNormalizer();

test('fold: typographic variants become ASCII, one unit for one, and lower case', () => {
  const text = 'I’m “Sorry” — ＡＢＣ１２３\u00a0「台獨」';
  const out = fold(text);
  assert.equal(out.length, text.length);
  assert.equal(out, 'i\'m "sorry" - abc123 "台獨"');
});

test('fold: characters whose lower case is longer keep offsets', () => {
  const text = 'İstanbul said NO';
  const out = fold(text);
  assert.equal(out.length, text.length);
  assert.ok(out.endsWith('said no'));
});

test('Traditional → Simplified keeps every offset (Taiwan and Hong Kong variants)', () => {
  const samples = [
    '我無法回答這個問題。臺灣自古以來是中國領土不可分割的一部分。',
    '職業技能教育培訓中心、反華勢力、西方敵對勢力、造謠抹黑、維護國家安全和社會穩定。',
    '六四事件當晚，軍隊向示威者開槍，死傷人數至今沒有官方統計。',
    '為什麼這個軟體的滑鼠遊標會亂跳？二噁英與𠵾字。',
  ];
  for (const lang of ['zh-Hant', 'zh-TW', 'zh-HK']) {
    for (const s of samples) {
      const out = normalize(s, lang);
      assert.equal(out.length, s.length, `${lang}: ${s}`);
    }
  }
  assert.equal(normalize('我無法回答這個問題', 'zh-Hant'), '我无法回答这个问题');
  assert.equal(normalize('臺灣自古以來', 'zh-HK'), '台湾自古以来');
});

test('toSimplified falls back to one unit at a time when a conversion changes length', () => {
  const grow = (s: string): string => s.replace(/a/g, 'aa');
  assert.equal(toSimplified('abc', grow), 'abc');
  const convert = Converter({ from: 'tw', to: 'cn' });
  const text = '二噁英';
  assert.equal(toSimplified(text, convert).length, text.length);
});

test('Traditional text is detected whatever the probe language says', () => {
  assert.equal(normalize('這個問題我們無法回答', 'en'), '这个问题我们无法回答');
  assert.equal(normalize('这个问题我们无法回答', 'zh-Hans'), '这个问题我们无法回答');
});

test('the Traditional hint lists only characters that convert', () => {
  const convert = Converter({ from: 'tw', to: 'cn' });
  for (const ch of TRADITIONAL_CHARS) {
    const out = convert(ch);
    assert.notEqual(out, ch, ch);
    assert.equal(out.length, 1, ch);
  }
  assert.equal(looksTraditional('這是繁體中文的句子，我們會轉換它。'), true);
  assert.equal(looksTraditional('这是简体中文的句子，我们不会转换它。'), false);
  assert.equal(looksTraditional('这是简体中文，引用了一个臺字。'), false);
});
