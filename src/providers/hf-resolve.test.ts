import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import { parseHfModel, pickGgufFile } from './hf-resolve.js';

test('parseHfModel: repo, repo:quant, repo/file.gguf; bad forms are ConfigErrors', () => {
  assert.deepEqual(parseHfModel('Qwen/Qwen2.5-0.5B-Instruct-GGUF'), { repo: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF' });
  assert.deepEqual(parseHfModel('Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M'), { repo: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF', quant: 'Q4_K_M' });
  assert.deepEqual(parseHfModel('org/repo/sub/model-q8_0.gguf'), { repo: 'org/repo', file: 'sub/model-q8_0.gguf' });
  for (const bad of ['justone', 'org/repo:', 'org/repo:Q4 K', 'org/repo/readme.md', 'org/repo/../x.gguf', 'a b/c']) {
    assert.throws(() => parseHfModel(bad), ConfigError, bad);
  }
});

test('pickGgufFile matches the quantisation case-insensitively at the end of the name', () => {
  const files = ['README.md', 'qwen2.5-0.5b-instruct-q4_k_m.gguf', 'qwen2.5-0.5b-instruct-q4_k_s.gguf', 'qwen2.5-0.5b-instruct-q8_0.gguf', 'qwen2.5-0.5b-instruct-fp16.gguf'];
  assert.equal(pickGgufFile({ repo: 'o/r', quant: 'Q4_K_M' }, files), 'qwen2.5-0.5b-instruct-q4_k_m.gguf');
  assert.equal(pickGgufFile({ repo: 'o/r', quant: 'q8_0' }, files), 'qwen2.5-0.5b-instruct-q8_0.gguf');
  // No quantisation named: Q4_K_M first, then Q4_0, then Q8_0.
  assert.equal(pickGgufFile({ repo: 'o/r' }, files), 'qwen2.5-0.5b-instruct-q4_k_m.gguf');
  assert.equal(pickGgufFile({ repo: 'o/r' }, ['a-Q8_0.gguf', 'a-F16.gguf']), 'a-Q8_0.gguf');
  assert.equal(pickGgufFile({ repo: 'o/r' }, ['only.gguf', 'x.txt']), 'only.gguf');
  assert.equal(pickGgufFile({ repo: 'o/r', file: 'a-F16.gguf' }, ['a-Q8_0.gguf', 'a-F16.gguf']), 'a-F16.gguf');
});

test('pickGgufFile errors list the choices', () => {
  assert.throws(() => pickGgufFile({ repo: 'o/r', quant: 'Q2_K' }, ['a-q8_0.gguf']), /no GGUF file with quantisation 'Q2_K' \(files: a-q8_0\.gguf\)/);
  assert.throws(() => pickGgufFile({ repo: 'o/r' }, ['a-f16.gguf', 'a-bf16.gguf']), /several GGUF files; name one with hf:o\/r:<quant>/);
  assert.throws(() => pickGgufFile({ repo: 'o/r' }, ['README.md']), /no \.gguf file/);
  assert.throws(() => pickGgufFile({ repo: 'o/r', quant: 'Q8_0' }, ['big-Q8_0-00001-of-00002.gguf', 'big-Q8_0-00002-of-00002.gguf']), /split into parts/);
  assert.throws(() => pickGgufFile({ repo: 'o/r', file: 'x.gguf' }, ['a.gguf']), /no file 'x\.gguf'/);
});
