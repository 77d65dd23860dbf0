import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import { createProvider, defaultEnvKeyFor, PROVIDER_KINDS } from './registry.js';

test('unknown kind lists the valid kinds', async () => {
  await assert.rejects(createProvider('bogus:x'), (e) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /unknown model kind 'bogus'; valid kinds: openai, ollama, anthropic, replay, gguf, hf/);
    return true;
  });
});

test('gguf: with a missing file fails with a ConfigError naming the path', async () => {
  await assert.rejects(createProvider('gguf:./no-such-model.gguf'), (e) => e instanceof ConfigError && /no-such-model\.gguf: no such model file/.test(e.message));
});

test('known kinds build providers with canonical ids and origin concurrency keys', async () => {
  assert.deepEqual([...PROVIDER_KINDS], ['openai', 'ollama', 'anthropic', 'replay', 'gguf', 'hf']);
  const p = await createProvider('openai:gpt-4o');
  try {
    assert.equal(p.id, 'openai:gpt-4o@https://api.openai.com/v1');
    assert.equal(p.concurrencyKey(), 'https://api.openai.com:443');
  } finally {
    await p.close?.();
  }
  const a = await createProvider('ollama:a@127.0.0.1:11434');
  const b = await createProvider('openai:b@http://127.0.0.1:11434/v1');
  try {
    assert.equal(a.concurrencyKey(), b.concurrencyKey());
    assert.equal(a.endpoint, 'http://127.0.0.1:11434');
  } finally {
    await a.close?.();
    await b.close?.();
  }
});

test('defaultEnvKeyFor', () => {
  assert.equal(defaultEnvKeyFor('openai'), 'OPENAI_API_KEY');
  assert.equal(defaultEnvKeyFor('anthropic'), 'ANTHROPIC_API_KEY');
  assert.equal(defaultEnvKeyFor('ollama'), undefined);
  assert.equal(defaultEnvKeyFor('replay'), undefined);
  assert.equal(defaultEnvKeyFor('hf'), 'HF_TOKEN');
  assert.equal(defaultEnvKeyFor('gguf'), undefined);
});
