import { request } from 'undici';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer } from './mock-llm-server.js';

async function post(url: string, body: unknown): Promise<{ status: number; type: string; text: string }> {
  const res = await request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.statusCode, type: String(res.headers['content-type']), text: await res.body.text() };
}

test('default answer echoes the last user message on every protocol, and calls are recorded', async () => {
  const server = await startMockServer();
  try {
    const messages = [{ role: 'user', content: 'hi' }];
    const oa = await post(`${server.url}/v1/chat/completions`, { model: 'm', messages, seed: 1, max_tokens: 9 });
    assert.equal(JSON.parse(oa.text).choices[0].message.content, 'Answer: hi');
    const ol = await post(`${server.url}/api/chat`, { model: 'm', messages, stream: false, options: { num_predict: 4 } });
    assert.equal(JSON.parse(ol.text).message.content, 'Answer: hi');
    const an = await post(`${server.url}/v1/messages`, { model: 'm', system: 'sys', messages, max_tokens: 5 });
    assert.equal(JSON.parse(an.text).content[0].text, 'Answer: hi');
    assert.deepEqual(
      server.calls.map((c) => [c.protocol, c.index, c.stream, c.maxTokens]),
      [['openai', 0, false, 9], ['ollama', 1, false, 4], ['anthropic', 2, false, 5]],
    );
    assert.equal(server.calls[0]?.seed, 1);
    assert.deepEqual(server.calls[2]?.messages[0], { role: 'system', content: 'sys' });
  } finally {
    await server.close();
  }
});

test('streams use SSE / NDJSON and end properly', async () => {
  const server = await startMockServer({ respond: () => ({ kind: 'answer', text: 'a b c', reasoning: 'r' }) });
  try {
    const messages = [{ role: 'user', content: 'q' }];
    const oa = await post(`${server.url}/v1/chat/completions`, { model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    assert.equal(oa.type, 'text/event-stream');
    assert.ok(oa.text.trimEnd().endsWith('data: [DONE]'));
    assert.match(oa.text, /"reasoning_content":"r"/);
    assert.match(oa.text, /"usage":\{"prompt_tokens":1/);
    const ol = await post(`${server.url}/api/chat`, { model: 'm', messages });
    assert.equal(ol.type, 'application/x-ndjson');
    const lines = ol.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.at(-1).done, true);
    assert.equal(lines[0].message.thinking, 'r');
    const an = await post(`${server.url}/v1/messages`, { model: 'm', messages, stream: true });
    assert.match(an.text, /event: message_start/);
    assert.match(an.text, /"thinking_delta"/);
    assert.match(an.text, /event: message_stop/);
  } finally {
    await server.close();
  }
});

test('status behaviour sends the status, headers and a protocol error body; unknown routes are 404', async () => {
  const server = await startMockServer({ respond: () => ({ kind: 'status', status: 429, headers: { 'retry-after': '2' } }) });
  try {
    const res = await request(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{"messages":[]}' });
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers['retry-after'], '2');
    assert.equal(JSON.parse(await res.body.text()).error.message, 'mock error 429');
    const nf = await post(`${server.url}/nope`, {});
    assert.equal(nf.status, 404);
  } finally {
    await server.close();
  }
});

test('close() ends hanging requests and recordCalls:false records nothing', async () => {
  const server = await startMockServer({ respond: () => ({ kind: 'hang' }), recordCalls: false });
  const pending = post(`${server.url}/v1/chat/completions`, { messages: [] }).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  await server.close();
  const outcome = await pending;
  assert.ok(outcome instanceof Error, 'the hanging request fails once the server closes');
  assert.ok(Date.now() - started < 1000);
  assert.equal(server.calls.length, 0);
});
