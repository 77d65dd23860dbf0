import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { createAnthropicProvider } from '../providers/anthropic.js';
import { toHistory } from '../providers/llamacpp.js';
import { createOpenAIProvider } from '../providers/openai.js';
import { parseModelSpec } from '../providers/spec.js';
import { openSqliteStore } from '../store/sqlite.js';
import { manifestFixture } from '../store/store.contract.js';
import type { AnswerRow } from '../store/types.js';
import { fakeProvider } from '../../test/support/fake-provider.js';
import { keywordJudge, probe } from '../../test/support/fixtures.js';
import { startMockServer } from '../../test/support/mock-llm-server.js';
import {
  armSupport, armsForManifest, FOLLOWUPS, needsFollowup, prefillFor, PREFILLS, resolveArms, SYSTEM_TEXTS, withPrefill,
} from './arms.js';
import { runJobs, type RunJobsParams } from './run-jobs.js';

test('resolveArms: direct first and once, built-in texts, a system file with its sha256, clear errors', () => {
  const arms = resolveArms(['prefill', 'system:helpful', 'direct', 'prefill', 'system:@p.txt', 'system:none'], (p) => (p === 'p.txt' ? 'Be brief.' : ''));
  assert.deepEqual(arms.map((a) => a.name), ['direct', 'prefill', 'system:helpful', 'system:@p.txt', 'system:none']);
  assert.equal(arms[2]!.system, SYSTEM_TEXTS.helpful);
  assert.deepEqual(arms[3], { name: 'system:@p.txt', kind: 'system', system: 'Be brief.', source: 'p.txt', sha256: sha256('Be brief.') });
  assert.equal(arms[4]!.system, null);
  assert.throws(() => resolveArms(['prefil'], () => ''), (e: unknown) => e instanceof ConfigError && /unknown arm 'prefil'/.test(e.message));
  assert.throws(() => resolveArms(['system:@'], () => ''), ConfigError);
  assert.throws(() => resolveArms(['system:@e.txt'], () => '  \n'), /e\.txt is empty/);
  assert.throws(() => resolveArms(['system:@x'], () => { throw new Error('ENOENT'); }), /cannot read x: ENOENT/);
  assert.deepEqual(resolveArms([], () => '').map((a) => a.name), ['direct']);
});

test('prefill support: OpenAI itself none, unknown compatible servers unverified, Ollama/Anthropic/llama.cpp yes, replay none', async () => {
  const openai = await createOpenAIProvider(parseModelSpec('openai:gpt-4o'), {});
  const vllm = await createOpenAIProvider(parseModelSpec('openai:m@http://127.0.0.1:9/v1'), {});
  const forced = await createOpenAIProvider(parseModelSpec('openai:m@http://127.0.0.1:9/v1'), { prefillMode: 'trailing' });
  const off = await createOpenAIProvider(parseModelSpec('openai:m@http://127.0.0.1:9/v1'), { prefillMode: 'off' });
  const anthropic = await createAnthropicProvider(parseModelSpec('anthropic:claude@http://127.0.0.1:9'), {});
  const [prefill, followup] = [resolveArms(['prefill'], () => '')[1]!, resolveArms(['followup'], () => '')[1]!];
  assert.equal(armSupport(openai, prefill), 'no');
  assert.equal(armSupport(vllm, prefill), 'unverified');
  assert.equal(armSupport(forced, prefill), 'yes');
  assert.equal(armSupport(off, prefill), 'no');
  assert.equal(armSupport(anthropic, prefill), 'yes');
  assert.equal(armSupport({ kind: 'replay' }, followup), 'no');
  assert.equal(armSupport(openai, followup), 'yes');
  const recorded = armsForManifest([prefill], [openai, vllm, anthropic]);
  assert.deepEqual(recorded[0]!.unsupported, [openai.id]);
  assert.deepEqual(recorded[0]!.unverified, [vllm.id]);
  await Promise.all([openai, vllm, forced, off, anthropic].map((p) => p.close?.()));
});

test('providers render a trailing assistant message as a prefill', async () => {
  assert.deepEqual(toHistory([{ role: 'user', content: 'q' }, { role: 'assistant', content: 'Here' }]), [
    { type: 'user', text: 'q' }, { type: 'model', response: ['Here'] },
  ]);
  const server = await startMockServer();
  try {
    const req = { messages: [{ role: 'user' as const, content: 'q' }, { role: 'assistant' as const, content: 'Here' }], maxTokens: 8 };
    const signal = new AbortController().signal;
    const a = await createAnthropicProvider(parseModelSpec(`anthropic:c@${server.url}`), {});
    await a.generate(req, { signal });
    const o = await createOpenAIProvider(parseModelSpec(`openai:m@${server.url}/v1`), { prefillMode: 'continue_final_message' });
    await o.generate(req, { signal });
    await o.generate({ ...req, messages: req.messages.slice(0, 1) }, { signal });
    assert.deepEqual(server.calls[0]!.messages.at(-1), { role: 'assistant', content: 'Here' });
    assert.equal(server.calls[1]!.body['continue_final_message'], true);
    assert.equal(server.calls[1]!.body['add_generation_prompt'], false);
    assert.equal(server.calls[2]!.body['continue_final_message'], undefined, 'only when the last message is an assistant one');
    await Promise.all([a.close?.(), o.close?.()]);
  } finally {
    await server.close();
  }
});

test('withPrefill: answer openings join the text, thought openings the reasoning, echoes are not doubled', () => {
  assert.equal(withPrefill({ text: 'Troops moved in.', finishReason: 'stop' }, PREFILLS.en.answer).text, 'Here is a factual answer: Troops moved in.');
  assert.equal(withPrefill({ text: '军队进入。', finishReason: 'stop' }, PREFILLS.zh.answer).text, '以下是基于事实的回答：军队进入。');
  assert.equal(withPrefill({ text: 'Here is a factual answer: x', finishReason: 'stop' }, PREFILLS.en.answer).text, 'Here is a factual answer: x');
  const t = withPrefill({ text: 'Answer.', reasoning: 'the 1989 protests.', finishReason: 'stop' }, PREFILLS.en.think);
  assert.deepEqual([t.text, t.reasoning], ['Answer.', 'Okay, the user is asking about the 1989 protests.']);
  const never = withPrefill({ text: 'still thinking', finishReason: 'length' }, PREFILLS.en.think);
  assert.equal(never.reasoning, 'Okay, the user is asking about');
});

test('prefillFor and needsFollowup follow the direct answer', () => {
  const p = probe('a');
  assert.equal(prefillFor(p, { kind: 'openai' }, { outcome: 'ok', label: 'REFUSED', text: '', reasoning: '' }), PREFILLS.en.think);
  assert.equal(prefillFor(p, { kind: 'anthropic' }, { outcome: 'ok', label: 'REFUSED', text: '', reasoning: 'r' }), PREFILLS.en.answer);
  assert.equal(prefillFor(probe('b', { lang: 'zh-Hant' }), { kind: 'ollama' }, undefined), PREFILLS.zh.answer);
  assert.equal(needsFollowup({ outcome: 'ok', label: 'DEFLECTED', text: 'x', reasoning: null }), true);
  assert.equal(needsFollowup({ outcome: 'ok', label: 'PARTIAL', text: 'x', reasoning: null }), false);
  assert.equal(needsFollowup({ outcome: 'truncated', label: null, text: '', reasoning: null }), false);
  assert.equal(needsFollowup(undefined), false);
});

const params: RunJobsParams = {
  samples: 2, seed: 1, maxTokens: 64, concurrency: 2, timeoutMs: 1000, cache: true,
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
};

test('runJobs: follow-ups only after non-answers, thought prefills for reasoning models, every arm keyed apart', async () => {
  const store = openSqliteStore(':memory:');
  await store.createRun(manifestFixture(), 'r');
  const p = { supportsPrefill: true, ...fakeProvider((req) => {
    const last = req.messages.at(-1)!;
    if (last.role === 'assistant') return { text: 'Facts.', reasoning: 'the question.', finishReason: 'stop' };
    if (last.content === FOLLOWUPS.en) return { text: 'Still cannot.', finishReason: 'stop' };
    return last.content.includes('refuse') ? { text: 'I cannot say.', reasoning: '', finishReason: 'stop' } : { text: 'Fine.', reasoning: 'ok', finishReason: 'stop' };
  }) };
  const arms = resolveArms(['followup', 'prefill', 'system:identity'], () => '');
  const res = await runJobs({
    runId: 'r', providers: [p], probes: [probe('x', { prompt: 'please refuse' }), probe('y', { prompt: 'answer' })],
    params: { ...params, arms }, store, judge: keywordJudge, skip: new Set(), signal: new AbortController().signal,
  });
  // direct 4 + system 4 + prefill 4 + follow-up 2 (item x's two draws).
  assert.deepEqual([res.done, res.total], [14, 14]);
  const rows: AnswerRow[] = [];
  for await (const a of store.answers('r')) rows.push(a);
  const byArm = (arm: string): AnswerRow[] => rows.filter((a) => a.arm === arm);
  assert.deepEqual(byArm('followup').map((a) => `${a.probeId}/${a.sample}`), ['x/0', 'x/1']);
  assert.ok(byArm('prefill').every((a) => a.reasoning === 'Okay, the user is asking about the question.' && a.text === 'Facts.'));
  const followCall = p.calls.find((c) => c.messages.at(-1)!.content === FOLLOWUPS.en)!;
  assert.deepEqual(followCall.messages.map((m) => m.content), ['please refuse', 'I cannot say.', FOLLOWUPS.en]);
  assert.equal(byArm('system:identity').length, 4);
  // Resume: nothing is asked twice.
  const calls = p.calls.length;
  const again = await runJobs({
    runId: 'r', providers: [p], probes: [probe('x', { prompt: 'please refuse' }), probe('y', { prompt: 'answer' })],
    params: { ...params, arms }, store, judge: keywordJudge, skip: await store.doneKeys('r'), signal: new AbortController().signal,
  });
  assert.deepEqual([again.done, p.calls.length], [0, calls]);
  await store.close();
});
