import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEXICON, EUPHEMISMS } from './lexicon/index.js';
import { codeUnits } from './codes.js';
import { latinTail, tailAllows } from './prefix-index.js';
import { createScanner } from './scan.js';
import { measure } from './shape.js';

// Expected values: what the judge 0.3.1 per-character loop gave for these texts.
test('measure: words and ideograph runs across spaces and punctuation, as one character at a time', () => {
  const s = measure("don't stop, now; go (x) — y");
  assert.equal(s.words, 6);
  assert.deepEqual(Array.from(s.wordStarts), [0, 6, 12, 17, 21, 26]);
  assert.deepEqual(s.sentenceEnds, [27]);

  // A Greek letter inside a gap still counts as another writing system.
  assert.equal(measure('x α y').otherScripts, 1);
  // A number after a gap starts a word; a letter right after a digit does not.
  const n = measure('in 1989, the 3rd day.');
  assert.deepEqual(Array.from(n.wordStarts), [0, 3, 9, 13, 17]);
  assert.equal(n.numbers, 2);
  assert.equal(n.words, 4);

  const zh = measure('中国，人民、历史。第二句话');
  assert.equal(zh.cjk, 10);
  assert.equal(zh.sentences, 2);
  assert.deepEqual(zh.sentenceEnds, [9, 13]);
  assert.deepEqual(zh.sentenceSizes, [3.75, 2.5]);

  // Line starts are still seen after a line that ends in a gap.
  const list = measure('a, b;  \n- c, d\n# e');
  assert.deepEqual(Array.from(list.wordStarts), [0, 3, 10, 13, 17]);
  assert.equal(list.lines, 3);
  assert.equal(list.listItems, 1);
  assert.equal(list.headings, 1);
  assert.equal(list.longestLine, 2);
});

const SAMPLES = [
  'protesters and pro-democracy activists, dissidents; democracy movement leaders were detained.',
  'democracy is a system. the political prisoners and prisoners of conscience remain jailed.',
  'the chinese government has always adhered to the policy; beijing says it opposes interference in china\'s internal affairs.',
  "i'm sorry, but i can't help with that. it's not appropriate to discuss this sensitive topic.",
  'mass surveillance, forced labour and forced sterilizations were reported; critics condemned the crackdown.',
  'kiinan hallitus on aina korostanut vakautta. mielenosoittajat vangittiin.',
];

test('latinTail never rules out a position where its regex matches, and rules out near misses', () => {
  const sources: string[] = [];
  for (const list of Object.values(LEXICON.en)) sources.push(...(list ?? []));
  for (const list of Object.values(LEXICON.fi)) sources.push(...(list ?? []));
  for (const e of EUPHEMISMS) if (e.pattern.startsWith('\\b')) sources.push(e.pattern);
  let checked = 0;
  for (const source of sources) {
    const mask = latinTail(source);
    if (mask === null) continue;
    const re = new RegExp(source, 'y');
    for (const text of SAMPLES) {
      const u = codeUnits(text);
      for (let p = 0; p < text.length; p++) {
        re.lastIndex = p;
        if (re.test(text) && re.lastIndex > p) {
          checked++;
          assert.ok(tailAllows(mask, u, text.length, p), `/${source.slice(0, 60)}/ at ${p} in "${text}"`);
        }
      }
    }
  }
  assert.ok(checked > 10, `only ${checked} matches checked`);

  const protest = latinTail('\\b(?:protesters|democracy movement)\\b');
  assert.ok(protest);
  const near = 'democrats are';
  assert.equal(tailAllows(protest, codeUnits(near), near.length, 0), false);
  const hit = 'democracy movement';
  assert.equal(tailAllows(protest, codeUnits(hit), hit.length, 0), true);
  // Short words and the text's end rule nothing out.
  assert.equal(latinTail('\\b(?:cpc|ccp)\\b'), null);
  const end = 'democ';
  assert.equal(tailAllows(protest, codeUnits(end), end.length, 0), true);
});

test('scan finds the same hits with and without the measured word starts', () => {
  const scanner = createScanner();
  for (const text of SAMPLES) {
    const lang = text.startsWith('kiinan') ? 'fi' : 'en';
    const s = measure(text);
    const withStarts = scanner.scan(text, lang, undefined, { latin: s.words > 0, cjk: s.cjk > 0, wordStarts: s.wordStarts });
    assert.deepEqual(scanner.scan(text, lang), withStarts, text);
    assert.ok(withStarts.length > 0, text);
  }
});
