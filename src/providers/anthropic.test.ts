import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { ProviderError } from '../core/errors.js';
import type { Behaviour, MockServer } from '../../test/support/mock-llm-server.js';
import { askMock, withMockProvider } from '../../test/support/provider-harness.js';
import { createProvider } from './registry.js';
import type { Provider, ProviderOptions } from './types.js';

const REQ: GenerateRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Who is the Tank Man?' },
  ],
  maxTokens: 100,
};

const SPEC = (url: string): string => `anthropic:claude-test@${url}`;
const withAnthropic = (b: Behaviour | undefined, opts: ProviderOptions, fn: (p: Provider, s: MockServer) => Promise<void>): Promise<void> =>
  withMockProvider(SPEC, b, opts, fn);
const ask = (b: Behaviour | undefined, stream: boolean): Promise<GenerateResult> => askMock(SPEC, b, { stream }, REQ);

for (const stream of [false, true]) {
  const mode = stream ? 'sse' : 'json';

  test(`anthropic ${mode}: answer, system message moved to top level, usage`, async () => {
    await withAnthropic(undefined, { stream }, async (p, server) => {
      const r = await p.generate(REQ, { signal: AbortSignal.timeout(5000) });
      assert.equal(r.text, 'Answer: Who is the Tank Man?');
      assert.equal(r.finishReason, 'stop');
      assert.equal(r.reasoning, undefined);
      assert.equal(r.servedModel, 'claude-test');
      assert.deepEqual(r.usage, { promptTokens: 7, completionTokens: 6 });
      const c = server.calls[0];
      assert.deepEqual(c?.messages, REQ.messages);
      assert.equal(c?.stream, stream);
      assert.equal(c?.maxTokens, 100);
    });
  });

  test(`anthropic ${mode}: thinking blocks are reasoning`, async () => {
    const r = await ask({ kind: 'answer', text: 'An unidentified man.', reasoning: 'June 5, 1989 photo.' }, stream);
    assert.deepEqual([r.text, r.reasoning], ['An unidentified man.', 'June 5, 1989 photo.']);
  });

  test(`anthropic ${mode}: stop reasons max_tokens and refusal`, async () => {
    assert.equal((await ask({ kind: 'answer', text: 'cut', finishReason: 'length' }, stream)).finishReason, 'length');
    const refused = await ask({ kind: 'answer', text: '', finishReason: 'content_filter' }, stream);
    assert.deepEqual([refused.text, refused.finishReason], ['', 'content_filter']);
  });

  test(`anthropic ${mode}: 529 overloaded is retryable, 401 is auth`, async () => {
    for (const [status, kind, retryable] of [[529, 'http', true], [401, 'auth', false]] as const) {
      await withAnthropic({ kind: 'status', status }, { stream }, async (p) => {
        const e = await p.generate(REQ, { signal: AbortSignal.timeout(5000) }).catch((x: unknown) => x);
        assert.ok(e instanceof ProviderError);
        assert.deepEqual([e.kind, e.status, e.retryable], [kind, status, retryable]);
      });
    }
  });
}

test('anthropic: an error event mid-stream is classified by its type', async () => {
  const body =
    'event: message_start\ndata: {"type":"message_start","message":{"model":"m","usage":{"input_tokens":1}}}\n\n' +
    'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
  await withAnthropic({ kind: 'status', status: 200, headers: { 'content-type': 'text/event-stream' }, body }, { stream: true }, async (p) => {
    const e = await p.generate(REQ, { signal: AbortSignal.timeout(5000) }).catch((x: unknown) => x);
    assert.ok(e instanceof ProviderError);
    assert.deepEqual([e.kind, e.status, e.retryable], ['http', 529, true]);
    assert.match(e.message, /Overloaded/);
  });
});

test('anthropic: sends x-api-key and anthropic-version, not a bearer header', async () => {
  let seen: Record<string, string | string[] | undefined> = {};
  const server = createServer((req, res) => {
    seen = req.headers;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'message', model: 'm', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const p = await createProvider(`anthropic:m@127.0.0.1:${port}`, { apiKey: 'sk-ant-x' });
  try {
    const r = await p.generate(REQ, { signal: AbortSignal.timeout(5000) });
    assert.equal(r.text, 'hi');
    assert.equal(seen['x-api-key'], 'sk-ant-x');
    assert.equal(seen['anthropic-version'], '2023-06-01');
    assert.equal(seen['authorization'], undefined);
  } finally {
    await p.close?.();
    await new Promise((r) => server.close(r));
  }
});
