import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '../core/errors.js';
import { writeTinyLlamaGguf } from '../../test/support/gguf-writer.js';
import { defaultThreads } from './llamacpp-load.js';
import { answerFrom, createGgufProvider, finishReasonOf, toHistory } from './llamacpp.js';
import { SerialQueue } from './llamacpp-queue.js';
import { parseModelSpec } from './spec.js';

const LOCAL = { gpu: false as const, threads: 1, contextSize: 128 };
const user = (content: string) => [{ role: 'user' as const, content }];

test('gguf provider: one loaded model answers queued requests, cuts at the token limit, and is deterministic per seed', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'candor-llama-')), 'tiny.gguf');
  await writeTinyLlamaGguf(path);
  const p = await createGgufProvider(parseModelSpec(`gguf:${path}`), { local: LOCAL });
  try {
    assert.equal(p.id, `gguf:${path}`);
    assert.equal(p.endpoint, path);
    assert.equal(p.concurrencyKey(), `llamacpp:${path}`);
    const signal = new AbortController().signal;
    const reqs = [1, 2, 1].map((seed) => p.generate({ messages: user('Tell me about event A.'), maxTokens: 6, seed }, { signal }));
    const [a, b, c] = await Promise.all(reqs);
    for (const r of [a!, b!, c!]) {
      assert.equal(r.finishReason, 'length');
      assert.equal(r.usage?.completionTokens, 6);
      assert.ok((r.usage?.promptTokens ?? 0) > 5);
    }
    assert.equal(c!.text, a!.text, 'same seed, same answer, whatever ran in between');

    // A request whose signal fires while it waits leaves the queue with the abort's error.
    const ctl = new AbortController();
    const running = p.generate({ messages: user('one'), maxTokens: 4, seed: 1 }, { signal });
    const queued = p.generate({ messages: user('two'), maxTokens: 4, seed: 1 }, { signal: ctl.signal });
    ctl.abort(new DOMException('no answer within 1 ms', 'TimeoutError'));
    await assert.rejects(queued, (e) => e instanceof ProviderError && e.kind === 'timeout' && e.retryable);
    assert.equal((await running).finishReason, 'length');

    // A prompt longer than the context is a clear, non-retryable error.
    await assert.rejects(p.generate({ messages: user('x '.repeat(400)), maxTokens: 4, seed: 1 }, { signal }), (e) => e instanceof ProviderError && /more than the \d+-token context/.test(e.message) && !e.retryable);
  } finally {
    await p.close?.();
  }
});

test('answerFrom keeps reasoning apart: wrapper thought segments and inline think tags', () => {
  const seg = (text: string, ended = true) => ({ type: 'segment' as const, segmentType: 'thought' as const, text, ended, raw: [] });
  assert.deepEqual(answerFrom({ response: 'The answer.', fullResponse: [seg(' Let me recall. '), 'The answer.'] }), { text: 'The answer.', reasoning: 'Let me recall.' });
  assert.deepEqual(answerFrom({ response: '<think>hm</think>\nYes.', fullResponse: ['<think>hm</think>\nYes.'] }), { text: 'Yes.', reasoning: 'hm' });
  // Cut off while thinking: no answer text, the trace kept.
  assert.deepEqual(answerFrom({ response: '', fullResponse: [seg('still thinking', false)] }), { text: '', reasoning: 'still thinking' });
  // An empty trace (thought suppression) is '' rather than absent.
  assert.deepEqual(answerFrom({ response: 'A.', fullResponse: [seg(''), 'A.'] }), { text: 'A.', reasoning: '' });
  assert.deepEqual(answerFrom({ response: 'Plain.', fullResponse: ['Plain.'] }), { text: 'Plain.' });
});

test('toHistory, finishReasonOf, defaultThreads', () => {
  assert.deepEqual(toHistory([{ role: 'system', content: 's' }, { role: 'user', content: 'u' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'v' }]), [
    { type: 'system', text: 's' }, { type: 'user', text: 'u' }, { type: 'model', response: ['a'] }, { type: 'user', text: 'v' }, { type: 'model', response: [] },
  ]);
  assert.equal(finishReasonOf('maxTokens'), 'length');
  assert.equal(finishReasonOf('eogToken'), 'stop');
  assert.equal(finishReasonOf('stopGenerationTrigger'), 'stop');
  assert.equal(defaultThreads(2), 1);
  assert.equal(defaultThreads(1), 1);
  assert.equal(defaultThreads(8), undefined);
});

test('SerialQueue runs tasks one at a time in order', async () => {
  const q = new SerialQueue();
  const signal = new AbortController().signal;
  const log: string[] = [];
  let active = 0;
  const task = (name: string, ms: number) => q.run(signal, async () => {
    active++;
    assert.equal(active, 1);
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`end ${name}`);
    active--;
    return name;
  });
  const ctl = new AbortController();
  const results = Promise.all([task('a', 20), task('b', 5)]);
  const dropped = q.run(ctl.signal, async () => 'never');
  const c = task('c', 1);
  ctl.abort(new Error('stop'));
  await assert.rejects(dropped, (e) => e instanceof ProviderError && e.kind === 'aborted');
  assert.deepEqual([...(await results), await c], ['a', 'b', 'c']);
  assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});
