import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderError } from '../core/errors.js';
import { isContentFilterBody, parseChatCompletion, parseChatStream } from './openai-parse.js';

const completion = (message: object, extra: object = {}): Record<string, unknown> => ({
  model: 'm',
  choices: [{ index: 0, message, finish_reason: 'stop' }],
  ...extra,
});

async function* sse(...events: object[]): AsyncGenerator<string> {
  for (const e of events) yield `data: ${JSON.stringify(e)}\n\n`;
  yield 'data: [DONE]\n\n';
}

test('reasoning field variants: reasoning_content, reasoning, null, empty', () => {
  assert.equal(parseChatCompletion(completion({ content: 'a', reasoning_content: 'r1' })).reasoning, 'r1');
  assert.equal(parseChatCompletion(completion({ content: 'a', reasoning: 'r2' })).reasoning, 'r2');
  assert.equal(parseChatCompletion(completion({ content: 'a', reasoning: null })).reasoning, undefined);
  assert.equal(parseChatCompletion(completion({ content: 'a', reasoning_content: '\n\n' })).reasoning, '');
});

test('null content with a refusal field; missing finish_reason is unknown', () => {
  const r = parseChatCompletion({ choices: [{ message: { content: null, refusal: 'I can’t help with that.' } }] });
  assert.deepEqual(r, { text: 'I can’t help with that.', finishReason: 'unknown' });
});

test('a 200 with an error object is an error, classified by its code', () => {
  assert.throws(
    () => parseChatCompletion({ error: { message: 'Provider returned error', code: 429 } }),
    (e) => e instanceof ProviderError && e.status === 429 && e.retryable,
  );
  assert.throws(() => parseChatCompletion({ choices: [{}] }), (e) => e instanceof ProviderError && e.kind === 'protocol');
});

test('stream: usage arrives in a final chunk with empty choices; reasoning deltas join', async () => {
  const r = await parseChatStream(
    sse(
      { model: 'served', provider: 'Novita', choices: [{ delta: { role: 'assistant', reasoning: 'th' } }], usage: null },
      { choices: [{ delta: { reasoning: 'ink', content: null } }] },
      { choices: [{ delta: { content: 'Hello' } }] },
      { choices: [{ delta: {}, finish_reason: 'length' }] },
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, completion_tokens_details: { reasoning_tokens: 2 } } },
    ),
  );
  assert.deepEqual(r, {
    text: 'Hello',
    reasoning: 'think',
    finishReason: 'length',
    usage: { promptTokens: 3, completionTokens: 4, reasoningTokens: 2 },
    upstream: 'Novita',
    servedModel: 'served',
  });
});

test('content filter markers', () => {
  assert.equal(isContentFilterBody({ error: { code: 'content_filter' } }), true);
  assert.equal(isContentFilterBody({ error: { code: 'x', innererror: { code: 'ResponsibleAIPolicyViolation' } } }), true);
  assert.equal(isContentFilterBody({ error: { code: 'invalid_request' } }), false);
});
