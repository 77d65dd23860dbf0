import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../core/errors.js';
import { EMBEDDED_DEFAULT_MODELS, localModelOptions, pickDefaultModel, renderLocalEvents } from './default-model.js';

async function fakeOllama(models: string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ models: models.map((name) => ({ name })) })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('default model: local Ollama first, else the embedded pair, else (downloads off) a clear error', async () => {
  const full = await fakeOllama(['qwen2.5:7b', 'llama3:8b']);
  try {
    const p = await pickDefaultModel({ ollama: full.url });
    assert.deepEqual(p.specs, [`ollama:llama3:8b@${full.url}`]);
  } finally {
    await full.close();
  }
  const empty = await fakeOllama([]);
  try {
    const p = await pickDefaultModel({ ollama: empty.url });
    assert.deepEqual(p.specs, [...EMBEDDED_DEFAULT_MODELS]);
    assert.match(p.note, /has no models: comparing the embedded default models hf:Qwen\/Qwen2\.5-0\.5B-Instruct-GGUF:Q4_K_M and hf:HuggingFaceTB\/SmolLM2-360M-Instruct-GGUF:Q8_0/);
  } finally {
    await empty.close();
  }
  const none = await pickDefaultModel({ ollama: empty.url });
  assert.deepEqual(none.specs, [...EMBEDDED_DEFAULT_MODELS]);
  assert.match(none.note, /no local Ollama answered.*--model gguf:/);
  await assert.rejects(pickDefaultModel({ ollama: empty.url, env: { CANDOR_NO_DEFAULT_DOWNLOAD: '1' } }), (e) => e instanceof ConfigError && /no model to audit/.test(e.message) && /gguf:\/path/.test(e.message));
});

test('localModelOptions reads the environment and names a bad variable', () => {
  const err = { write: () => true };
  const o = localModelOptions({ env: { CANDOR_MODELS_DIR: '/m', HF_ENDPOINT: 'http://127.0.0.1:9', HF_HUB_OFFLINE: '1', CANDOR_LLAMA_CONTEXT: '512', CANDOR_LLAMA_THREADS: '2', CANDOR_LLAMA_GPU: 'auto' }, stderr: err });
  assert.deepEqual({ ...o, onEvent: undefined }, { cacheDir: '/m', hfEndpoint: 'http://127.0.0.1:9', offline: true, contextSize: 512, threads: 2, gpu: 'auto', onEvent: undefined });
  assert.equal(localModelOptions({ env: {}, stderr: err }).gpu, undefined);
  assert.throws(() => localModelOptions({ env: { CANDOR_LLAMA_THREADS: '0' }, stderr: err }), /CANDOR_LLAMA_THREADS: '0' is not an integer ≥ 1/);
  assert.throws(() => localModelOptions({ env: { CANDOR_LLAMA_GPU: 'tpu' }, stderr: err }), /CANDOR_LLAMA_GPU: 'tpu'/);
  assert.throws(() => localModelOptions({ env: { HF_ENDPOINT: 'ftp://x' }, stderr: err }), /HF_ENDPOINT/);
});

test('download progress off a terminal: a line per tenth, then the verified path', () => {
  let out = '';
  const on = renderLocalEvents({ write: (s: string) => (out += s) });
  on({ type: 'download-start', file: 'o/r/m.gguf', url: 'http://h', total: 100 * 1024 * 1024, resumeFrom: 0 });
  for (let mb = 1; mb <= 100; mb++) on({ type: 'download-progress', file: 'o/r/m.gguf', received: mb * 1024 * 1024, total: 100 * 1024 * 1024 });
  on({ type: 'download-done', file: 'o/r/m.gguf', path: '/c/m.gguf', bytes: 100 * 1024 * 1024 });
  on({ type: 'log', level: 'warn', message: 'noise' });
  const lines = out.trim().split('\n');
  assert.equal(lines[0], 'downloading o/r/m.gguf (100.0 MB)');
  assert.equal(lines.filter((l) => l.startsWith('[')).length, 11); // 0%, 10%, …, 100%
  assert.match(lines.at(-2)!, /100% 100\.0 MB\/100\.0 MB$/);
  assert.equal(lines.at(-1), 'sha256 verified; saved /c/m.gguf');
});
