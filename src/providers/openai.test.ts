import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { ProviderError } from '../core/errors.js';
import { startMockServer } from '../../test/support/mock-llm-server.js';
import type { Behaviour, MockServer } from '../../test/support/mock-llm-server.js';
import { createProvider } from './registry.js';
import type { Provider, ProviderOptions } from './types.js';

const REQ: GenerateRequest = { messages: [{ role: 'user', content: 'What happened in 1989?' }], maxTokens: 64 };

async function withOpenAI(
  behaviour: Behaviour | undefined,
  opts: ProviderOptions,
  fn: (p: Provider, server: MockServer) => Promise<void>,
): Promise<void> {
  const server = await startMockServer(behaviour ? { respond: () => behaviour } : {});
  const p = await createProvider(`openai:test-model@${server.url}/v1`, opts);
  try {
    await fn(p, server);
  } finally {
    await p.close?.();
    await server.close();
  }
}

async function ask(b: Behaviour | undefined, opts: ProviderOptions = {}, req = REQ): Promise<GenerateResult> {
  let out: GenerateResult | undefined;
  await withOpenAI(b, opts, async (p) => {
    out = await p.generate(req, { signal: AbortSignal.timeout(5000) });
  });
  return out as GenerateResult;
}

async function fail(b: Behaviour, opts: ProviderOptions = {}): Promise<ProviderError> {
  let err: unknown;
  await withOpenAI(b, opts, async (p) => {
    try {
      await p.generate(REQ, { signal: AbortSignal.timeout(5000) });
    } catch (e) {
      err = e;
    }
  });
  assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
  return err;
}

for (const stream of [false, true]) {
  const mode = stream ? 'stream' : 'json';

  test(`openai ${mode}: answer, request body, usage and served model`, async () => {
    await withOpenAI(undefined, { stream, apiKey: 'sk-test' }, async (p, server) => {
      const r = await p.generate({ ...REQ, temperature: 0.5, seed: 7 }, { signal: AbortSignal.timeout(5000) });
      assert.equal(r.text, 'Answer: What happened in 1989?');
      assert.equal(r.reasoning, undefined);
      assert.equal(r.finishReason, 'stop');
      assert.equal(r.servedModel, 'test-model');
      assert.equal(r.usage?.promptTokens, 4);
      assert.equal(r.usage?.completionTokens, 5);
      const call = server.calls[0];
      assert.equal(call?.protocol, 'openai');
      assert.equal(call?.stream, stream);
      assert.equal(call?.seed, 7);
      assert.equal(call?.temperature, 0.5);
      assert.equal(call?.maxTokens, 64);
    });
  });

  test(`openai ${mode}: reasoning_content field`, async () => {
    const r = await ask({ kind: 'answer', text: 'It was a massacre.', reasoning: 'The user asks about June 4.', upstream: 'DeepInfra' }, { stream });
    assert.equal(r.text, 'It was a massacre.');
    assert.equal(r.reasoning, 'The user asks about June 4.');
    assert.equal(r.upstream, 'DeepInfra');
    assert.equal(r.usage?.reasoningTokens, 6);
  });

  test(`openai ${mode}: inline think tags`, async () => {
    const r = await ask({ kind: 'answer', text: 'Final.', reasoning: 'step one', reasoningStyle: 'think-tag' }, { stream });
    assert.deepEqual([r.text, r.reasoning], ['Final.', 'step one']);
  });

  test(`openai ${mode}: empty think block is an empty trace`, async () => {
    const r = await ask({ kind: 'answer', text: 'I cannot help with that.', reasoning: '', reasoningStyle: 'think-tag' }, { stream });
    assert.equal(r.text, 'I cannot help with that.');
    assert.equal(r.reasoning, '');
  });

  test(`openai ${mode}: closing tag without an opening one`, async () => {
    const r = await ask({ kind: 'answer', text: 'templated thought\n</think>\n\nVisible.' }, { stream });
    assert.deepEqual([r.text, r.reasoning], ['Visible.', 'templated thought']);
  });

  test(`openai ${mode}: think block never closed, cut by length`, async () => {
    const r = await ask({ kind: 'answer', text: '<think>long deliberation', finishReason: 'length' }, { stream });
    assert.deepEqual([r.text, r.reasoning, r.finishReason], ['', 'long deliberation', 'length']);
  });

  test(`openai ${mode}: finish_reason content_filter`, async () => {
    const r = await ask({ kind: 'answer', text: '', finishReason: 'content_filter' }, { stream });
    assert.deepEqual([r.text, r.finishReason], ['', 'content_filter']);
  });

  test(`openai ${mode}: 429 with Retry-After seconds`, async () => {
    const e = await fail({ kind: 'status', status: 429, headers: { 'retry-after': '7' } }, { stream });
    assert.deepEqual([e.kind, e.status, e.retryable, e.retryAfterMs], ['http', 429, true, 7000]);
    assert.match(e.message, /mock error 429/);
  });
}

test('openai: 429 with an HTTP-date Retry-After', async () => {
  const at = new Date(Date.now() + 60_000).toUTCString();
  const e = await fail({ kind: 'status', status: 429, headers: { 'retry-after': at } });
  assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 50_000 && e.retryAfterMs <= 60_000, String(e.retryAfterMs));
});

test('openai: 500 is retryable, 401 is auth and never shows the key', async () => {
  const e500 = await fail({ kind: 'status', status: 500 });
  assert.deepEqual([e500.kind, e500.retryable], ['http', true]);
  const body = JSON.stringify({ error: { message: 'Incorrect API key provided: sk-live-abcdef' } });
  const e401 = await fail({ kind: 'status', status: 401, body }, { apiKey: 'sk-live-abcdef' });
  assert.deepEqual([e401.kind, e401.retryable, e401.status], ['auth', false, 401]);
  assert.ok(!e401.message.includes('sk-live-abcdef'));
  const e404 = await fail({ kind: 'status', status: 404 });
  assert.deepEqual([e404.kind, e404.retryable], ['http', false]);
});

test('openai: Azure-style content_filter 400 is an answer', async () => {
  const body = JSON.stringify({ error: { code: 'content_filter', message: 'filtered', innererror: { code: 'ResponsibleAIPolicyViolation' } } });
  const r = await ask({ kind: 'status', status: 400, body });
  assert.deepEqual(r, { text: '', finishReason: 'content_filter' });
  const plain400 = await fail({ kind: 'status', status: 400, body: '{"error":{"message":"bad max_tokens"}}' });
  assert.match(plain400.message, /bad max_tokens/);
});

test('openai: bad JSON, empty choices and mid-stream errors', async () => {
  const bad = await fail({ kind: 'status', status: 200, body: 'not json' });
  assert.deepEqual([bad.kind, bad.retryable], ['protocol', true]);
  const empty = await fail({ kind: 'status', status: 200, body: '{"choices":[]}' });
  assert.equal(empty.kind, 'protocol');
  assert.match(empty.message, /empty choices/);
  const sse = 'data: {"choices":[{"delta":{"content":"par"}}]}\n\ndata: {"error":{"message":"upstream died","code":502}}\n\n';
  const mid = await fail({ kind: 'status', status: 200, headers: { 'content-type': 'text/event-stream' }, body: sse }, { stream: true });
  assert.deepEqual([mid.kind, mid.status, mid.retryable], ['http', 502, true]);
  const none = await fail({ kind: 'status', status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'data: [DONE]\n\n' }, { stream: true });
  assert.equal(none.kind, 'protocol');
});

test('openai: reset is transport, hang + timeout is timeout, abort is aborted', async () => {
  const reset = await fail({ kind: 'reset' });
  assert.deepEqual([reset.kind, reset.retryable], ['transport', true]);
  await withOpenAI({ kind: 'hang' }, {}, async (p) => {
    const t = await p.generate(REQ, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    assert.ok(t instanceof ProviderError);
    assert.deepEqual([t.kind, t.retryable], ['timeout', true]);
    const c = new AbortController();
    setTimeout(() => c.abort(), 50);
    const a = await p.generate(REQ, { signal: c.signal }).catch((e: unknown) => e);
    assert.ok(a instanceof ProviderError);
    assert.deepEqual([a.kind, a.retryable], ['aborted', false]);
    assert.equal(p.classifyError(a), a);
  });
});

test('openai: timeout before a slow answer starts', async () => {
  await withOpenAI({ kind: 'answer', text: 'late', delayMs: 2000 }, { stream: true }, async (p) => {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(100) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError && e.kind === 'timeout');
  });
});

test('openai: connection refused is transport', async () => {
  const server = await startMockServer();
  const url = server.url;
  await server.close();
  const p = await createProvider(`openai:m@${url}/v1`, {});
  try {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(5000) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError);
    assert.deepEqual([e.kind, e.retryable], ['transport', true]);
  } finally {
    await p.close?.();
  }
});

test('openai: extraBody reaches the server; keep-alive serves many concurrent calls', async () => {
  await withOpenAI(undefined, { extraBody: { max_tokens: 5 } }, async (p, server) => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        p.generate({ messages: [{ role: 'user', content: `q${i}` }], maxTokens: 64 }, { signal: AbortSignal.timeout(5000) }),
      ),
    );
    assert.equal(results[49]?.text, 'Answer: q49');
    assert.equal(server.calls.length, 50);
    assert.equal(server.calls[0]?.maxTokens, 5);
  });
});

test('openai: sends the bearer key and extra headers; a stall mid-stream times out', async () => {
  let seen: Record<string, string | string[] | undefined> = {};
  const server = createServer((req, res) => {
    seen = req.headers;
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"choices":[{"delta":{"content":"partial"}}]}\n\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const p = await createProvider(`openai:m@http://127.0.0.1:${port}/v1`, { apiKey: 'sk-abc', headers: { 'x-test': '1' }, stream: true });
  try {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(150) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError);
    assert.deepEqual([e.kind, e.retryable], ['timeout', true]);
    assert.equal(seen['authorization'], 'Bearer sk-abc');
    assert.equal(seen['x-test'], '1');
    assert.equal(seen['accept'], 'text/event-stream');
  } finally {
    await p.close?.();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
