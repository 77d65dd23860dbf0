import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunManifest } from '../core/manifest.js';
import type { Verdict } from '../core/types.js';
import { answerKey, type RunStore, type StoredResponse } from './types.js';

export function manifestFixture(over: Partial<RunManifest> = {}): RunManifest {
  return {
    schemaVersion: 1,
    tool: { name: 'candor', version: '0.0.0' },
    git: null,
    node: 'v20',
    platform: 'test',
    suite: { id: 's', version: '1', hash: 'h'.repeat(64) },
    models: [{ spec: 'openai:m@http://127.0.0.1:1/v1', kind: 'openai', model: 'm', endpoint: 'http://127.0.0.1:1/v1' }],
    params: { maxTokens: 100, samples: 1, seed: 1, stream: false, langs: null, topics: null, limit: null, concurrency: 1, rps: null, timeoutMs: 1000, maxAttempts: 1, cache: true },
    judge: { id: 'rules', version: '0' },
    planned: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

export function responseFixture(over: Partial<StoredResponse> = {}): StoredResponse {
  return {
    runId: 'r', model: 'openai:m', probeId: 'p1', lang: 'en', sample: 0, seed: 7, topic: 't', qtype: 'direct',
    sensitive: true, controls: ['c1'], arm: 'direct', prompt: 'Q?', outcome: 'ok', text: 'A.', reasoning: null, finishReason: 'stop', latencyMs: 3,
    usage: { promptTokens: 3, completionTokens: 2 }, upstream: null, error: null, cached: false, attempts: 1, ...over,
  };
}

const verdict = (label: Verdict['label']): Verdict => ({
  label, judge: 'rules', judgeVersion: '0', evidence: [{ field: 'text', start: 0, end: 2, match: 'A.', kind: 'x' }],
  scores: { factCoverage: null, narrativeFlags: [], euphemisms: [] },
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The contract every RunStore implementation must meet. */
export function runStoreContract(name: string, open: () => RunStore): void {
  test(`${name}: runs are created, found by id, prefix and 'latest', listed newest first`, async () => {
    const store = open();
    try {
      const a = await store.createRun(manifestFixture({ createdAt: '2026-01-01T00:00:00.000Z' }), 'run-a');
      await store.createRun(manifestFixture({ createdAt: '2026-01-02T00:00:00.000Z' }), 'run-b');
      assert.equal(a.status, 'running');
      assert.equal((await store.getRun('latest'))?.id, 'run-b');
      assert.equal((await store.getRun('run-a'))?.manifest.planned, 3);
      assert.equal(await store.getRun('nope'), undefined);
      await assert.rejects(store.getRun('run-'), /ambiguous/);
      assert.deepEqual((await store.listRuns()).map((r) => r.id), ['run-b', 'run-a']);
      await store.setRunStatus('run-a', 'complete');
      const done = await store.getRun('run-a');
      assert.equal(done?.status, 'complete');
      assert.ok(done?.finishedAt);
    } finally {
      await store.close();
    }
  });

  test(`${name}: answers upsert by key, errors stay re-askable, verdicts and counts follow`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.saveResults([
        { response: responseFixture({ probeId: 'p1' }), verdict: verdict('REFUSED') },
        { response: responseFixture({ probeId: 'p2', outcome: 'error', text: '', error: 'transport: reset' }) },
        { response: responseFixture({ probeId: 'p3', outcome: 'truncated', text: '' }) },
      ]);
      let keys = await store.doneKeys('r');
      assert.ok(keys.has(answerKey('openai:m', 'p1', 'en', 0)));
      assert.ok(keys.has(answerKey('openai:m', 'p3', 'en', 0)));
      assert.ok(!keys.has(answerKey('openai:m', 'p2', 'en', 0)), 'an error is asked again on resume');
      // the resumed answer replaces the error row
      await store.saveResults([{ response: responseFixture({ probeId: 'p2', text: 'Now.' }), verdict: verdict('ANSWERED') }]);
      keys = await store.doneKeys('r');
      assert.equal(keys.size, 3);
      const rows = [];
      for await (const a of store.answers('r')) rows.push(a);
      assert.deepEqual(rows.map((r) => [r.probeId, r.outcome, r.label]), [['p1', 'ok', 'REFUSED'], ['p2', 'ok', 'ANSWERED'], ['p3', 'truncated', null]]);
      assert.equal(rows[1]!.text, 'Now.');
      assert.equal(rows[1]!.error, null);
      assert.deepEqual(rows[0]!.evidence, [{ field: 'text', start: 0, end: 2, match: 'A.', kind: 'x' }]);
      assert.deepEqual(rows[0]!.usage, { promptTokens: 3, completionTokens: 2 });
      assert.deepEqual(rows[0]!.controls, ['c1']);
      const counts = await store.outcomeCounts('r');
      const get = (outcome: string, label: string | null): number => counts.find((c) => c.outcome === outcome && c.label === label)?.n ?? 0;
      assert.equal(get('ok', 'REFUSED'), 1);
      assert.equal(get('ok', 'ANSWERED'), 1);
      assert.equal(get('truncated', null), 1);
      assert.equal(get('error', null), 0);
    } finally {
      await store.close();
    }
  });

  test(`${name}: the latest verdict of an answer is its current one`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.saveResults([{ response: responseFixture(), verdict: verdict('PARTIAL') }]);
      await store.saveResults([{ response: responseFixture(), verdict: verdict('DEFLECTED') }]);
      const rows = [];
      for await (const a of store.answers('r')) rows.push(a);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.label, 'DEFLECTED');
    } finally {
      await store.close();
    }
  });

  test(`${name}: saveVerdicts adds a verdict by answer id; the older one is kept, the newest is current`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.saveResults([{ response: responseFixture(), verdict: verdict('PARTIAL') }]);
      const [before] = await collect(store.answers('r'));
      await store.saveVerdicts([{ responseId: before!.id, verdict: { ...verdict('REFUSED'), judge: 'llm:x' } }]);
      const [after] = await collect(store.answers('r'));
      assert.equal(after!.id, before!.id);
      assert.equal(after!.label, 'REFUSED');
      assert.equal(after!.judge, 'llm:x');
      await store.saveVerdicts([]);
      assert.equal((await collect(store.answers('r'))).length, 1);
    } finally {
      await store.close();
    }
  });

  test(`${name}: the response cache round-trips`, async () => {
    const store = open();
    try {
      assert.equal(await store.cacheGet('k'), undefined);
      await store.cachePut([{ key: 'k', result: { text: 'hi', reasoning: '', finishReason: 'stop' } }]);
      assert.deepEqual(await store.cacheGet('k'), { text: 'hi', reasoning: '', finishReason: 'stop' });
    } finally {
      await store.close();
    }
  });

  test(`${name}: saveBatch stores what saveResults and cachePut store; of two rows with one key the later is kept`, async () => {
    const [a, b] = [open(), open()];
    try {
      const batch = [
        { response: responseFixture({ probeId: 'p1', text: 'First.' }), verdict: verdict('PARTIAL') },
        { response: responseFixture({ probeId: 'p2', outcome: 'error', text: '', error: 'transport: reset', reasoning: 'hm "q" \\ {x,y}' }) },
        { response: responseFixture({ probeId: 'p1', arm: 'prefill', text: 'Here is, "quoted" {a}' }), verdict: verdict('ANSWERED') },
        { response: responseFixture({ probeId: 'p1', text: 'Second.' }), verdict: verdict('REFUSED') },
      ];
      const cache = [{ key: 'k1', result: { text: 'one', finishReason: 'stop' } }, { key: 'k2', result: { text: 'two', finishReason: 'stop' } },
        { key: 'k1', result: { text: 'uno', finishReason: 'length' } }];
      for (const s of [a, b]) await s.createRun(manifestFixture(), 'r');
      assert.ok(a.saveBatch, 'implemented');
      await a.saveBatch(batch, cache);
      await b.saveResults([batch[3]!, batch[1]!, batch[2]!]);
      await b.cachePut([cache[2]!, cache[1]!]);
      const view = async (s: RunStore): Promise<unknown[]> => (await collect(s.answers('r'))).map((x) => ({ ...x, id: 0, createdAt: '' }));
      assert.deepEqual(await view(a), await view(b));
      assert.deepEqual((await collect(a.answers('r'))).map((x) => [x.arm, x.probeId, x.text, x.label]),
        [['direct', 'p1', 'Second.', 'REFUSED'], ['direct', 'p2', '', null], ['prefill', 'p1', 'Here is, "quoted" {a}', 'ANSWERED']]);
      assert.deepEqual(await a.cacheGet('k1'), { text: 'uno', finishReason: 'length' });
      assert.deepEqual(await a.cacheGet('k2'), { text: 'two', finishReason: 'stop' });
      // Again, with the error answered and a new verdict: upserts by key, the newest verdict current.
      await a.saveBatch([{ response: responseFixture({ probeId: 'p2', text: 'Now.' }), verdict: verdict('ANSWERED') },
        { response: responseFixture({ probeId: 'p1', text: 'Second.' }), verdict: verdict('DEFLECTED') }], []);
      assert.deepEqual((await collect(a.answers('r'))).map((x) => [x.probeId, x.arm, x.outcome, x.label]),
        [['p1', 'direct', 'ok', 'DEFLECTED'], ['p2', 'direct', 'ok', 'ANSWERED'], ['p1', 'prefill', 'ok', 'ANSWERED']]);
      assert.equal((await a.doneKeys('r')).size, 3);
      await a.saveBatch([], []);
    } finally {
      await a.close();
      await b.close();
    }
  });
}

/** Overrides and arms: checked for every implementation too. */
export function runStoreOverrideContract(name: string, open: () => RunStore): void {
  test(`${name}: answerFacts is the slim projection of answers, overrides and arms included`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      const scored = (over: Partial<Verdict['scores']>): Verdict => ({ ...verdict('PARTIAL'), scores: { ...verdict('PARTIAL').scores, ...over } });
      await store.saveResults([
        { response: responseFixture({ probeId: 'a', reasoning: 'thinking' }), verdict: scored({ factCoverage: 0.25, narrativeFlags: [{ id: 'n', severity: 'high' }, { id: 'm', severity: 'low' }], thoughtSuppressed: false }) },
        { response: responseFixture({ probeId: 'b', reasoning: '  ' }), verdict: scored({ thoughtSuppressed: true }) },
        { response: responseFixture({ probeId: 'c', arm: 'prefill', sensitive: false, controls: [] }), verdict: verdict('ANSWERED') },
        { response: responseFixture({ probeId: 'd', outcome: 'truncated', text: '' }) },
      ]);
      const full = await collect(store.answers('r'));
      await store.addOverride({ responseId: full[0]!.id, label: 'REFUSED', reason: 'r' });
      const facts = await collect(store.answerFacts('r'));
      const rows = await collect(store.answers('r'));
      assert.deepEqual(facts.map((f) => [f.id, f.arm, f.probeId, f.label, f.outcome, f.sensitive, f.controls, f.reasoning]),
        rows.map((a) => [a.id, a.arm, a.probeId, a.label, a.outcome, a.sensitive, a.controls, a.reasoning === null ? null : a.reasoning.trim() === '' ? '' : '…']));
      const a = facts.find((f) => f.probeId === 'a')!;
      assert.equal(a.label, 'REFUSED');
      assert.equal(a.scores?.factCoverage, 0.25);
      assert.equal(a.scores?.narrativeFlags.length, 2);
      assert.equal(a.scores?.thoughtSuppressed, false);
      assert.equal(facts.find((f) => f.probeId === 'b')!.scores?.thoughtSuppressed, true);
      assert.equal(facts.find((f) => f.probeId === 'c')!.scores?.thoughtSuppressed, undefined);
      assert.equal(facts.find((f) => f.probeId === 'd')!.scores, null);
    } finally {
      await store.close();
    }
  });

  test(`${name}: an override changes the current label and the counts, and keeps the verdict`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.saveResults([{ response: responseFixture(), verdict: verdict('REFUSED') }]);
      const [before] = await collect(store.answers('r'));
      await store.addOverride({ responseId: before!.id, label: 'ANSWERED', reason: 'the answer gives the facts', author: 'reviewer' });
      const [after] = await collect(store.answers('r'));
      assert.equal(after!.label, 'ANSWERED');
      assert.equal(after!.judgeLabel, 'REFUSED');
      assert.equal(after!.override?.reason, 'the answer gives the facts');
      assert.equal((await store.getAnswer(before!.id))?.label, 'ANSWERED');
      const counts = await store.outcomeCounts('r');
      assert.deepEqual(counts.map((c) => [c.label, c.n]), [['ANSWERED', 1]]);
      await assert.rejects(store.addOverride({ responseId: 999, label: 'ANSWERED', reason: 'x' }), /no answer/);
    } finally {
      await store.close();
    }
  });

  test(`${name}: answersPage filters (current label included) and pages; answersForProbe finds one item`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.createRun(manifestFixture(), 'other');
      await store.saveResults([
        ...[0, 1, 2, 3, 4].map((sample) => ({ response: responseFixture({ sample }), verdict: verdict(sample < 3 ? 'REFUSED' : 'ANSWERED') })),
        { response: responseFixture({ probeId: 'p2', lang: 'zh-Hans' }), verdict: verdict('ANSWERED') },
        { response: responseFixture({ probeId: 'p2', model: 'openai:n', outcome: 'error', text: '' }) },
        { response: responseFixture({ runId: 'other' }), verdict: verdict('REFUSED') },
      ]);
      const all = await store.answersPage('r', {}, 0, 100);
      assert.equal(all.total, 7);
      assert.deepEqual(all.rows.map((a) => a.id), (await collect(store.answers('r'))).map((a) => a.id), 'same order as answers()');
      const page = await store.answersPage('r', {}, 2, 3);
      assert.deepEqual(page.rows.map((a) => a.id), all.rows.slice(2, 5).map((a) => a.id));
      assert.equal(page.total, 7);
      assert.equal((await store.answersPage('r', {}, 50, 10)).rows.length, 0);
      const refused = await store.answersPage('r', { label: 'REFUSED' }, 0, 2);
      assert.equal(refused.total, 3);
      assert.equal(refused.rows.length, 2);
      await store.addOverride({ responseId: refused.rows[0]!.id, label: 'ANSWERED', reason: 'facts given' });
      assert.equal((await store.answersPage('r', { label: 'REFUSED' }, 0, 10)).total, 2, 'the filter reads the current label');
      assert.equal((await store.answersPage('r', { model: 'openai:n', outcome: 'error' }, 0, 10)).total, 1);
      assert.equal((await store.answersPage('r', { lang: 'zh-Hans', topic: 't', arm: 'direct' }, 0, 10)).total, 1);
      assert.equal((await store.answersPage('r', { arm: 'prefill' }, 0, 10)).total, 0);
      const p2 = await store.answersForProbe('r', 'p2');
      assert.deepEqual(p2.map((a) => [a.model, a.lang]), [['openai:m', 'zh-Hans'], ['openai:n', 'en']]);
      assert.deepEqual(await store.answersForProbe('r', 'nope'), []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: the same draw under two arms is two answers; the summary counts only 'direct'`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.saveResults([
        { response: responseFixture(), verdict: verdict('REFUSED') },
        { response: responseFixture({ arm: 'prefill' }), verdict: verdict('ANSWERED') },
      ]);
      const rows = await collect(store.answers('r'));
      assert.deepEqual(rows.map((row) => row.arm).sort(), ['direct', 'prefill']);
      const keys = await store.doneKeys('r');
      assert.ok(keys.has(answerKey('openai:m', 'p1', 'en', 0, 'prefill')));
      assert.ok(keys.has(answerKey('openai:m', 'p1', 'en', 0)));
      assert.deepEqual((await store.outcomeCounts('r')).map((c) => c.label), ['REFUSED']);
    } finally {
      await store.close();
    }
  });
}
