import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codeUnits } from './codes.js';
import { fold } from './normalize.js';
import { measure } from './shape.js';

test('codeUnits: every UTF-16 unit, lone surrogates included, across buffer growth', () => {
  for (const text of ['', 'abc', 'a\ud800b\udc00c😀', '中文，English。', 'x'.repeat(20_000) + '终']) {
    const u = codeUnits(text);
    assert.ok(u.length >= text.length);
    for (let i = 0; i < text.length; i++) assert.equal(u[i], text.charCodeAt(i), `${i}`);
  }
});

/** The reference fold: the regex replace and String.prototype.toLowerCase it replaced. */
function referenceFold(text: string): string {
  const map: Record<string, string> = {};
  for (const c of '\u2018\u2019\u201a\u201b\u2032\uff07') map[c] = "'";
  for (const c of '\u201c\u201d\u201e\u201f\u2033\u300c\u300d\u300e\u300f\uff02') map[c] = '"';
  for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') map[c] = '-';
  for (const c of '\u00a0\u2007\u202f\u3000') map[c] = ' ';
  const folded = text.replace(/[\u2018-\u201f\u2032\u2033\u2010-\u2015\u2212\u00a0\u2007\u202f\u3000\u300c-\u300f\uff02\uff07\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => map[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const lower = folded.toLowerCase();
  if (lower.length === folded.length) return lower;
  let out = '';
  for (const ch of folded) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

test('fold (table) equals the reference fold on mixed scripts, surrogates, Σ and İ', () => {
  const samples = ['ΟΔΟΣ ΣΟΦΙΑΣ', 'İstanbul ÇAĞ', '“Ｑｕｏｔｅ” — １２３', '𐐀𐐁 DESERET', '台灣「獨立」ＡＢＣ', 'plain ascii TEXT'];
  for (const s of samples) assert.equal(fold(s), referenceFold(s), s);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => fold(s) === referenceFold(s)),
    { numRuns: 500, seed: 42 },
  );
});

test('measure reads the same shape whatever came before it in the shared buffer', () => {
  const long = 'Word '.repeat(3000);
  const short = 'Two sentences here. And one more!';
  const before = measure(short);
  measure(long);
  const after = measure(short);
  assert.deepEqual(after, before);
  assert.equal(after.sentences, 2);
  assert.deepEqual(Array.from(after.wordStarts), [0, 4, 14, 20, 24, 28]);
});
