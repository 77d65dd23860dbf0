import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import { formatModelSpec, looksLikeEndpoint, parseModelSpec } from './spec.js';

test('kind is the text before the first colon; the model keeps later colons', () => {
  const s = parseModelSpec('ollama:qwen2.5:7b');
  assert.deepEqual(s, { kind: 'ollama', model: 'qwen2.5:7b', raw: 'ollama:qwen2.5:7b' });
});

test('host:port after the last @ is the endpoint, with http:// added', () => {
  const s = parseModelSpec('ollama:qwen2.5:7b@localhost:11434');
  assert.equal(s.model, 'qwen2.5:7b');
  assert.equal(s.endpoint, 'http://localhost:11434');
});

test('URL endpoints keep their path; slashes in the model survive', () => {
  const s = parseModelSpec('openai:deepseek/deepseek-r1@https://openrouter.ai/api/v1/');
  assert.equal(s.kind, 'openai');
  assert.equal(s.model, 'deepseek/deepseek-r1');
  assert.equal(s.endpoint, 'https://openrouter.ai/api/v1');
});

test('hf-style names with colons and no endpoint', () => {
  const s = parseModelSpec('hf:org/repo:Q4_K_M');
  assert.equal(s.model, 'org/repo:Q4_K_M');
  assert.equal(s.endpoint, undefined);
});

test('an @ not followed by an endpoint stays in the model', () => {
  assert.equal(parseModelSpec('replay:runs/a@b.jsonl').model, 'runs/a@b.jsonl');
  assert.equal(parseModelSpec('openai:org/model@v2').model, 'org/model@v2');
  const s = parseModelSpec('openai:a@b@http://127.0.0.1:8000/v1');
  assert.equal(s.model, 'a@b');
  assert.equal(s.endpoint, 'http://127.0.0.1:8000/v1');
});

test('kind is lower-cased and the spec trimmed', () => {
  const s = parseModelSpec('  OpenAI:gpt-4o ');
  assert.equal(s.kind, 'openai');
  assert.equal(s.model, 'gpt-4o');
});

test('empty kind, empty model and a missing colon are ConfigErrors', () => {
  assert.throws(() => parseModelSpec(':gpt-4o'), (e) => e instanceof ConfigError && /empty kind/.test(e.message));
  assert.throws(() => parseModelSpec('openai:'), (e) => e instanceof ConfigError && /empty model/.test(e.message));
  assert.throws(() => parseModelSpec('openai:@localhost:8000'), (e) => e instanceof ConfigError && /empty model/.test(e.message));
  assert.throws(() => parseModelSpec('gpt-4o'), (e) => e instanceof ConfigError && /kind:model/.test(e.message));
  assert.throws(() => parseModelSpec('open ai:x'), ConfigError);
});

test('formatModelSpec is the canonical id and parses back', () => {
  const s = parseModelSpec('ollama:qwen2.5:7b@127.0.0.1:11434');
  const id = formatModelSpec(s);
  assert.equal(id, 'ollama:qwen2.5:7b@http://127.0.0.1:11434');
  const back = parseModelSpec(id);
  assert.equal(back.model, s.model);
  assert.equal(back.endpoint, s.endpoint);
  assert.equal(formatModelSpec({ kind: 'replay', model: 'a.jsonl' }), 'replay:a.jsonl');
});

test('looksLikeEndpoint', () => {
  assert.equal(looksLikeEndpoint('localhost:8080'), true);
  assert.equal(looksLikeEndpoint('[::1]:8080/v1'), true);
  assert.equal(looksLikeEndpoint('https://api.openai.com/v1'), true);
  assert.equal(looksLikeEndpoint('b.jsonl'), false);
  assert.equal(looksLikeEndpoint('Q4_K_M'), false);
});
