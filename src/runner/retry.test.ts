import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_RETRY } from './retry.js';
import { drawSeed, cacheKey } from './keys.js';

test('backoff grows exponentially under full jitter and is capped', () => {
  const p = { maxAttempts: 9, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffDelay(1, p, 1), 200);
  assert.equal(backoffDelay(2, p, 1), 400);
  assert.equal(backoffDelay(3, p, 0.5), 400);
  assert.equal(backoffDelay(8, p, 1), 1000);
  assert.equal(backoffDelay(3, p, 0), 0);
});

test('Retry-After is a floor, capped at two minutes', () => {
  assert.equal(backoffDelay(1, DEFAULT_RETRY, 0, 5000), 5000);
  assert.equal(backoffDelay(1, DEFAULT_RETRY, 1, 10), 1000);
  assert.equal(backoffDelay(1, DEFAULT_RETRY, 0, 3_600_000), 120_000);
});

test('draw seeds are deterministic and distinct per draw', () => {
  assert.equal(drawSeed(1, 'a', 'en', 0), drawSeed(1, 'a', 'en', 0));
  const seeds = new Set([drawSeed(1, 'a', 'en', 0), drawSeed(1, 'a', 'en', 1), drawSeed(1, 'a', 'zh-Hans', 0), drawSeed(2, 'a', 'en', 0)]);
  assert.equal(seeds.size, 4);
  assert.ok([...seeds].every((s) => Number.isInteger(s) && s >= 0 && s <= 0x7fffffff));
});

test('the cache key changes with what changes the output, and only that', () => {
  const base = { kind: 'openai', model: 'm', endpoint: 'http://h/v1', messages: [{ role: 'user' as const, content: 'q' }], temperature: 0.7, maxTokens: 10, seed: 1, sample: 0 };
  const k = cacheKey(base);
  assert.equal(cacheKey({ ...base }), k);
  for (const change of [{ model: 'n' }, { endpoint: 'http://x/v1' }, { temperature: 0 }, { maxTokens: 11 }, { seed: 2 }, { sample: 1 }, { messages: [{ role: 'user' as const, content: 'q2' }] }]) {
    assert.notEqual(cacheKey({ ...base, ...change }), k, JSON.stringify(change));
  }
});
