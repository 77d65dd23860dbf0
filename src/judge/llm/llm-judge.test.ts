import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer, type Behaviour, type MockCall } from '../../../test/support/mock-llm-server.js';
import { createProvider } from '../../providers/index.js';
import { createRulesJudge } from '../rules-judge.js';
import { createPanelJudge } from '../panel.js';
import { checkFamilies, createJudgeFromSpec, parseJudgeSpec, toAsync } from '../select.js';
import { makeTiananmenProbe } from '../test-probes.js';
import { createLlmJudge, parseReply } from './llm-judge.js';
import { familiesOf } from './family.js';
import { RUBRIC_HASH, RUBRIC_VERSION } from './rubric.js';

const ANSWER = 'In June 1989 the army opened fire on protesters. I cannot say more about the political turmoil.';
const reply = (o: Record<string, unknown>): Behaviour => ({ kind: 'answer', text: JSON.stringify(o) });

async function withJudge(respond: (c: MockCall) => Behaviour, fn: (j: ReturnType<typeof createLlmJudge>, calls: MockCall[]) => Promise<void>): Promise<void> {
  const server = await startMockServer({ respond });
  const provider = await createProvider(`openai:judge@${server.url}/v1`);
  try {
    await fn(createLlmJudge(provider), server.calls);
  } finally {
    await provider.close?.();
    await server.close();
  }
}

test('llm judge: a valid reply becomes a verdict with spans, scores, rubric version and prompt hash', async () => {
  await withJudge(
    () => reply({ label: 'PARTIAL', evidence: ['army opened fire', 'not in the answer'], facts_present: ['army-fired'], narratives: [], euphemisms: ['political turmoil'], rationale: 'short' }),
    async (judge, calls) => {
      const probe = makeTiananmenProbe();
      const v = await judge.judge(probe, { text: ANSWER });
      assert.equal(v.label, 'PARTIAL');
      assert.equal(v.judgeVersion, RUBRIC_VERSION);
      assert.equal(v.promptHash, RUBRIC_HASH);
      assert.match(v.promptHash ?? '', /^[0-9a-f]{64}$/);
      assert.ok(v.judge.startsWith('llm:openai:judge@'));
      const quote = v.evidence.find((e) => e.kind === 'llm:partial');
      assert.ok(quote);
      assert.equal(ANSWER.slice(quote.start, quote.end), 'army opened fire');
      assert.equal(v.scores['unquoted'], 1);
      assert.deepEqual(v.scores.euphemisms, ['political turmoil']);
      assert.equal(typeof v.scores.factCoverage, 'number');
      assert.equal(calls.length, 1);
      // the rubric carries the answer between markers and the probe's facts
      const user = calls[0]!.messages.at(-1)!.content;
      assert.ok(user.includes(ANSWER));
      assert.ok(user.includes('army-fired'));
    },
  );
});

test('llm judge: malformed JSON is asked once more; a good second reply is used', async () => {
  await withJudge(
    (c) => (c.index === 0 ? { kind: 'answer', text: 'The label is REFUSED {oops' } : { kind: 'answer', text: '```json\n{"label": "REFUSED"}\n```' }),
    async (judge, calls) => {
      const v = await judge.judge(makeTiananmenProbe(), { text: "I can't help with that." });
      assert.equal(v.label, 'REFUSED');
      assert.equal(calls.length, 2);
      assert.match(calls[1]!.messages.at(-1)!.content, /could not be used/);
    },
  );
});

test('llm judge: two bad replies are a JudgeError, never a label', async () => {
  await withJudge(
    () => reply({ label: 'MAYBE' }),
    async (judge, calls) => {
      await assert.rejects(judge.judge(makeTiananmenProbe(), { text: 'x' }), (e: Error) => e.name === 'JudgeError' && /after a retry/.test(e.message));
      assert.equal(calls.length, 2);
    },
  );
});

test('llm judge: an endpoint error is a JudgeError after one retry', async () => {
  await withJudge(
    () => ({ kind: 'status', status: 500 }),
    async (judge, calls) => {
      await assert.rejects(judge.judge(makeTiananmenProbe(), { text: 'x' }), (e: Error) => e.name === 'JudgeError');
      assert.equal(calls.length, 2);
    },
  );
});

test('parseReply: think blocks and fences are skipped; schema problems are named', () => {
  const ok = parseReply('<think>{"label":"REFUSED"}</think>\n{"label":"ANSWERED","evidence":[]}');
  assert.ok(ok.ok && ok.reply.label === 'ANSWERED');
  const bad = parseReply('{"label":"ANSWERED","evidence":"x"}');
  assert.ok(!bad.ok && /evidence/.test(bad.problem));
  assert.equal(parseReply('no json').ok, false);
});

test('families: matched on model names; own family refused unless forced', () => {
  assert.deepEqual(familiesOf('deepseek/deepseek-r1'), ['deepseek']);
  assert.deepEqual(familiesOf('qwen2.5:7b'), ['qwen']);
  assert.deepEqual(familiesOf('QwQ-32B'), ['qwen']);
  assert.deepEqual(familiesOf('DeepSeek-R1-Distill-Qwen-7B'), ['deepseek', 'qwen']);
  assert.deepEqual(familiesOf('gpt-4o-mini'), ['openai']);
  assert.deepEqual(familiesOf('o3-mini'), ['openai']);
  assert.deepEqual(familiesOf('claude-sonnet-4-5'), ['anthropic']);
  assert.deepEqual(familiesOf('gemma3:12b'), ['google']);
  assert.deepEqual(familiesOf('yi-1.5-9b-chat'), ['yi']);
  assert.deepEqual(familiesOf('moonshot-v1-8k'), ['kimi']);
  assert.deepEqual(familiesOf('glm-4-9b'), ['glm']);
  assert.deepEqual(familiesOf('mistral-small'), ['mistral']);
  assert.deepEqual(familiesOf('grok-3'), ['grok']);
  assert.deepEqual(familiesOf('llama3.1:8b'), ['llama']);
  assert.deepEqual(familiesOf('yield-model'), []);
  assert.throws(() => checkFamilies(['gpt-4o-mini'], ['openai/gpt-4o'], false), (e: Error) => e.name === 'ConfigError' && /force-judge/.test(e.message));
  assert.doesNotThrow(() => checkFamilies(['gpt-4o-mini'], ['openai/gpt-4o'], true));
  assert.doesNotThrow(() => checkFamilies(['claude-haiku'], ['qwen2.5:7b'], false));
});

test('judge specs: rules, llm:, panel:; bad ones are ConfigErrors', () => {
  assert.deepEqual(parseJudgeSpec('rules'), { panel: false, members: ['rules'] });
  assert.deepEqual(parseJudgeSpec('llm:ollama:qwen2.5:7b@http://h:1'), { panel: false, members: ['llm:ollama:qwen2.5:7b@http://h:1'] });
  assert.deepEqual(parseJudgeSpec('panel:rules, llm:openai:m'), { panel: true, members: ['rules', 'llm:openai:m'] });
  assert.throws(() => parseJudgeSpec('gpt'), /not a judge/);
  assert.throws(() => parseJudgeSpec('panel:rules'), /at least two/);
});

test('panel: majority label, disagreement flag, per-member labels and kappa ratings', async () => {
  const server = await startMockServer({
    respond: (c) => {
      const user = c.messages.at(-1)!.content;
      return reply({ label: user.includes('sorry') ? 'REFUSED' : 'PARTIAL' });
    },
  });
  const setup = await createJudgeFromSpec(`panel:rules,llm:openai:judge@${server.url}/v1,llm:openai:judge2@${server.url}/v1`, {
    makeProvider: (spec) => createProvider(spec),
  });
  try {
    const probe = makeTiananmenProbe();
    const refused = await setup.judge.judge(probe, { text: "I'm sorry, but I can't help with that." });
    assert.equal(refused.label, 'REFUSED');
    assert.equal(refused.scores['disagreement'], false);
    const full = 'In the spring of 1989 students gathered in Tiananmen Square. On 20 May martial law was declared; on the night of 3-4 June troops opened fire on civilians and hundreds were killed, with estimates into the thousands. Many leaders were arrested.';
    const mixed = await setup.judge.judge(probe, { text: full });
    assert.equal(mixed.label, 'PARTIAL', 'two LLM members outvote rules');
    assert.equal(mixed.scores['disagreement'], true);
    const members = mixed.scores['panel'] as { judge: string; label: string }[];
    assert.equal(members.length, 3);
    assert.equal(members[0]!.label, 'ANSWERED');
    assert.deepEqual(setup.panel!.ratings(), [['REFUSED', 'REFUSED', 'REFUSED'], ['ANSWERED', 'PARTIAL', 'PARTIAL']]);
    assert.deepEqual(setup.judgeModels, ['judge', 'judge2']);
  } finally {
    await setup.close();
    await server.close();
  }
});

test('panel: a member error is kept apart; all members failing is a JudgeError', async () => {
  const failing = { id: 'x', version: '0', judge: async () => { throw Object.assign(new Error('down'), { name: 'JudgeError' }); } };
  const p = createPanelJudge([toAsync(createRulesJudge()), failing]);
  const v = await p.judge(makeTiananmenProbe(), { text: "I'm sorry, but I can't help with that." });
  assert.equal(v.label, 'REFUSED');
  assert.equal(v.scores['disagreement'], true);
  assert.deepEqual(p.ratings(), [['REFUSED', null]]);
  const none = createPanelJudge([failing, failing]);
  await assert.rejects(none.judge(makeTiananmenProbe(), { text: 'x' }), (e: Error) => e.name === 'JudgeError');
});
