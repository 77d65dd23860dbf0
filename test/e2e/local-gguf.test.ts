import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { writeTinyLlamaGguf } from '../support/gguf-writer.js';

const SUITE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'candor-local-'));
// Tests never load a GPU backend and keep llama.cpp to one thread.
const ENV = { CANDOR_LLAMA_GPU: 'false', CANDOR_LLAMA_THREADS: '1', CANDOR_LLAMA_CONTEXT: '256' };

test('audit --model gguf:<file> runs a real llama.cpp model end to end and stores every answer with an outcome', async () => {
  const dir = tmp();
  const model = join(dir, 'tiny.gguf');
  await writeTinyLlamaGguf(model);
  const db = join(dir, 'c.db');
  const res = await cli(['audit', '--model', `gguf:${model}`, '--suite', SUITE, '--db', db, '--max-tokens', '8', '--json', '--quiet'], { env: ENV });
  assert.equal(res.code, 0, res.stderr);
  const m = JSON.parse(res.stdout).models[0];
  assert.equal(m.model, `gguf:${model}`);
  assert.equal(m.n + m.excluded, 10);

  const out = join(dir, 'answers.jsonl');
  const exp = await cli(['export', 'latest', '--format', 'jsonl', '--out', out, '--db', db]);
  assert.equal(exp.code, 0, exp.stderr);
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(rows.length, 10);
  for (const r of rows) {
    // Random weights: gibberish cut by the 8-token limit (or, rarely, a short stop).
    assert.ok(r['outcome'] === 'truncated' || r['outcome'] === 'ok', JSON.stringify(r));
    if (r['outcome'] === 'truncated') {
      assert.equal(r['finish_reason'], 'length');
      assert.equal(r['label'], null, 'a truncated answer gets no label');
    }
    assert.equal(r['error'], null);
    assert.equal(typeof r['answer'], 'string');
    assert.equal((r['usage'] as { completionTokens: number }).completionTokens <= 8, true);
  }
  assert.ok(rows.some((r) => r['outcome'] === 'truncated'));

  // Each draw's seed fixes its answer, whatever ran before it on the same loaded model.
  const db2 = join(dir, 'c2.db');
  const again = await cli(['audit', '--model', `gguf:${model}`, '--suite', SUITE, '--db', db2, '--max-tokens', '8', '--json', '--quiet', '--concurrency', '3'], { env: ENV });
  assert.equal(again.code, 0, again.stderr);
  const out2 = join(dir, 'answers2.jsonl');
  assert.equal((await cli(['export', 'latest', '--format', 'jsonl', '--out', out2, '--db', db2])).code, 0);
  const key = (r: Record<string, unknown>): string => `${String(r['probe_id'])}/${String(r['language'])}`;
  const first = new Map(rows.map((r) => [key(r), r['answer']]));
  const rows2 = readFileSync(out2, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const r of rows2) assert.equal(r['answer'], first.get(key(r)), key(r));
});

test('audit --model gguf: with a missing, a non-GGUF and an unsupported-architecture file exits 2 naming the file', async () => {
  const dir = tmp();
  const missing = join(dir, 'missing.gguf');
  const notGguf = join(dir, 'notes.gguf');
  writeFileSync(notGguf, 'this is not a model file, just some text long enough');
  const alien = join(dir, 'alien.gguf');
  await writeTinyLlamaGguf(alien, { architecture: 'nosucharch' });
  const cases: Array<[string, RegExp]> = [
    [missing, /missing\.gguf: no such model file/],
    [notGguf, /notes\.gguf: not a GGUF file/],
    [alien, /alien\.gguf: unsupported model architecture 'nosucharch'/],
  ];
  for (const [file, re] of cases) {
    const res = await cli(['audit', '--model', `gguf:${file}`, '--suite', SUITE, '--db', join(dir, 'c.db'), '--quiet'], { env: ENV });
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, re);
  }
});

test('a truncated GGUF file fails with a clean error naming the file', async () => {
  const dir = tmp();
  const good = join(dir, 'good.gguf');
  await writeTinyLlamaGguf(good);
  const cut = join(dir, 'cut.gguf');
  const bytes = readFileSync(good);
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const res = await cli(['audit', '--model', `gguf:${cut}`, '--suite', SUITE, '--db', join(dir, 'c.db'), '--quiet'], { env: ENV });
  assert.equal(res.code, 2, res.stderr);
  assert.match(res.stderr, /cut\.gguf: /);
});
