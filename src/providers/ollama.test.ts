import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { ProviderError } from '../core/errors.js';
import { startMockServer, type Behaviour, type MockServer } from '../../test/support/mock-llm-server.js';
import { askMock, withMockProvider } from '../../test/support/provider-harness.js';
import { listOllamaModels } from './ollama.js';
import type { Provider } from './types.js';

const REQ: GenerateRequest = { messages: [{ role: 'user', content: '六四事件是什么？' }], maxTokens: 32, temperature: 0, seed: 3 };

const SPEC = (url: string): string => `ollama:qwen3:8b@${url}`;
const withOllama = (b: Behaviour | undefined, stream: boolean, fn: (p: Provider, s: MockServer) => Promise<void>): Promise<void> =>
  withMockProvider(SPEC, b, { stream }, fn);
const ask = (b: Behaviour | undefined, stream: boolean): Promise<GenerateResult> => askMock(SPEC, b, { stream }, REQ);

for (const stream of [false, true]) {
  const mode = stream ? 'ndjson' : 'json';

  test(`ollama ${mode}: answer, options and usage`, async () => {
    await withOllama(undefined, stream, async (p, server) => {
      const r = await p.generate(REQ, { signal: AbortSignal.timeout(5000) });
      assert.equal(r.text, 'Answer: 六四事件是什么？');
      assert.equal(r.finishReason, 'stop');
      assert.equal(r.reasoning, undefined);
      assert.equal(r.servedModel, 'qwen3:8b');
      assert.deepEqual(r.usage, { promptTokens: 1, completionTokens: 2 });
      const c = server.calls[0];
      assert.deepEqual([c?.protocol, c?.model, c?.stream, c?.seed, c?.temperature, c?.maxTokens], ['ollama', 'qwen3:8b', stream, 3, 0, 32]);
    });
  });

  test(`ollama ${mode}: message.thinking is reasoning`, async () => {
    const r = await ask({ kind: 'answer', text: 'Answer text.', reasoning: 'thinking about it' }, stream);
    assert.deepEqual([r.text, r.reasoning], ['Answer text.', 'thinking about it']);
  });

  test(`ollama ${mode}: inline think tags and an empty trace`, async () => {
    const r = await ask({ kind: 'answer', text: 'Visible.', reasoning: 'hidden', reasoningStyle: 'think-tag' }, stream);
    assert.deepEqual([r.text, r.reasoning], ['Visible.', 'hidden']);
    const empty = await ask({ kind: 'answer', text: 'No comment.', reasoning: '', reasoningStyle: 'think-tag' }, stream);
    assert.deepEqual([empty.text, empty.reasoning], ['No comment.', '']);
  });

  test(`ollama ${mode}: done_reason length`, async () => {
    const r = await ask({ kind: 'answer', text: 'cut', finishReason: 'length' }, stream);
    assert.equal(r.finishReason, 'length');
  });
}

test('ollama: model not found is a non-retryable http error with the message', async () => {
  await withOllama({ kind: 'status', status: 404, body: '{"error":"model \\"qwen3:8b\\" not found, try pulling it first"}' }, false, async (p) => {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(5000) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError);
    assert.deepEqual([e.kind, e.status, e.retryable], ['http', 404, false]);
    assert.match(e.message, /not found, try pulling it first/);
  });
});

test('ollama: an error line inside the stream rejects', async () => {
  const body = '{"message":{"role":"assistant","content":"a"},"done":false}\n{"error":"out of memory"}\n';
  await withOllama({ kind: 'status', status: 200, headers: { 'content-type': 'application/x-ndjson' }, body }, true, async (p) => {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(5000) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError);
    assert.match(e.message, /out of memory/);
  });
});

test('ollama: a stream without a done line is a protocol error', async () => {
  const body = '{"message":{"role":"assistant","content":"a"},"done":false}\n';
  await withOllama({ kind: 'status', status: 200, headers: { 'content-type': 'application/x-ndjson' }, body }, true, async (p) => {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(5000) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError && e.kind === 'protocol');
  });
});

test('listOllamaModels reads /api/tags; a dead host is a transport error', async () => {
  const server = await startMockServer({ models: ['qwen2.5:7b', 'llama3:8b'] });
  const url = server.url;
  try {
    assert.deepEqual(await listOllamaModels(url, AbortSignal.timeout(5000)), ['qwen2.5:7b', 'llama3:8b']);
  } finally {
    await server.close();
  }
  const e = await listOllamaModels(url, AbortSignal.timeout(5000)).catch((x: unknown) => x);
  assert.ok(e instanceof ProviderError && e.kind === 'transport');
});
