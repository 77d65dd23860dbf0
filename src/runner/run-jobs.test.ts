import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderError } from '../core/errors.js';
import { openSqliteStore } from '../store/sqlite.js';
import { manifestFixture } from '../store/store.contract.js';
import type { AnswerRow, RunStore } from '../store/types.js';
import { fakeProvider } from '../../test/support/fake-provider.js';
import { keywordJudge, probe } from '../../test/support/fixtures.js';
import type { RunEvent } from './events.js';
import { runJobs, type RunJobsOptions, type RunJobsParams } from './run-jobs.js';

const params: RunJobsParams = {
  samples: 1, seed: 1, maxTokens: 64, concurrency: 4, timeoutMs: 1000, cache: true,
  retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
};

async function setup(): Promise<RunStore> {
  const store = openSqliteStore(':memory:');
  await store.createRun(manifestFixture(), 'r');
  return store;
}

async function rows(store: RunStore, run = 'r'): Promise<AnswerRow[]> {
  const out = [];
  for await (const a of store.answers(run)) out.push(a);
  return out;
}

const base = (store: RunStore, over: Partial<RunJobsOptions>): RunJobsOptions => ({
  runId: 'r', providers: [], probes: [], params, store, judge: keywordJudge, skip: new Set(),
  signal: new AbortController().signal, ...over,
});

test('every outcome is recorded as itself; only ok answers are judged', async () => {
  const store = await setup();
  const p = fakeProvider((req) => {
    const q = req.messages.at(-1)!.content;
    if (q.includes('refuse')) return { text: 'I cannot discuss that.', finishReason: 'stop' };
    if (q.includes('filter')) return { text: '', finishReason: 'content_filter' };
    if (q.includes('empty')) return { text: '  ', finishReason: 'stop' };
    if (q.includes('cut')) return { text: '', reasoning: 'thinking for ever', finishReason: 'length' };
    if (q.includes('bad')) return new ProviderError('bad request', { kind: 'http', status: 400, retryable: false });
    if (q.includes('down')) return new ProviderError('reset', { kind: 'transport', retryable: true });
    return { text: 'A factual answer.', reasoning: 'trace', finishReason: 'stop', usage: { completionTokens: 4 } };
  });
  const probes = ['answer', 'refuse', 'filter', 'empty', 'cut', 'bad', 'down'].map((id) => probe(id, { prompt: id }));
  const res = await runJobs(base(store, { providers: [p], probes }));
  assert.equal(res.done, 7);
  const byId = Object.fromEntries((await rows(store)).map((r) => [r.probeId, r]));
  assert.deepEqual(
    Object.fromEntries(Object.entries(byId).map(([k, r]) => [k, [r.outcome, r.label]])),
    { answer: ['ok', 'ANSWERED'], refuse: ['ok', 'REFUSED'], filter: ['blocked', null], empty: ['empty', null], cut: ['truncated', null], bad: ['http_error', null], down: ['error', null] },
  );
  assert.equal(byId.answer!.reasoning, 'trace');
  assert.equal(byId.cut!.reasoning, 'thinking for ever');
  assert.match(byId.bad!.error!, /HTTP 400/);
  assert.equal(byId.down!.attempts, 3, 'a retryable error is tried maxAttempts times');
  assert.equal(byId.bad!.attempts, 1, 'a non-retryable error is not retried');
  await store.close();
});

test('retries honour Retry-After and then succeed', async () => {
  const store = await setup();
  const events: RunEvent[] = [];
  const p = fakeProvider((_req, n) => n === 1
    ? new ProviderError('slow down', { kind: 'http', status: 429, retryable: true, retryAfterMs: 40 })
    : { text: 'ok', finishReason: 'stop' });
  const t0 = Date.now();
  await runJobs(base(store, { providers: [p], probes: [probe('a')], onEvent: (e) => events.push(e) }));
  assert.ok(Date.now() - t0 >= 35, 'waited for Retry-After');
  const retry = events.find((e) => e.type === 'retry');
  assert.ok(retry && retry.type === 'retry' && retry.delayMs >= 40 && /HTTP 429/.test(retry.error));
  const [row] = await rows(store);
  assert.equal(row!.outcome, 'ok');
  assert.equal(row!.attempts, 2);
  await store.close();
});

test('a hanging request times out per attempt and is recorded as an error, not a label', async () => {
  const store = await setup();
  const p = fakeProvider(() => 'hang');
  await runJobs(base(store, { providers: [p], probes: [probe('a')], params: { ...params, timeoutMs: 20, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } } }));
  const [row] = await rows(store);
  assert.equal(row!.outcome, 'error');
  assert.equal(row!.label, null);
  assert.match(row!.error!, /timeout/);
  assert.equal(p.calls.length, 2);
  await store.close();
});

test('samples get distinct, recorded seeds; a second run is served from the cache', async () => {
  const store = await setup();
  const p = fakeProvider((req) => ({ text: `seed ${req.seed}`, finishReason: 'stop' }));
  await runJobs(base(store, { providers: [p], probes: [probe('a'), probe('b')], params: { ...params, samples: 3 } }));
  const first = await rows(store);
  assert.equal(first.length, 6);
  assert.equal(new Set(first.map((r) => r.seed)).size, 6);
  assert.ok(first.every((r) => r.text === `seed ${r.seed}` && !r.cached));
  assert.equal(p.calls.length, 6);
  await store.createRun(manifestFixture(), 'r2');
  await runJobs(base(store, { runId: 'r2', providers: [p], probes: [probe('a'), probe('b')], params: { ...params, samples: 3 } }));
  assert.equal(p.calls.length, 6, 'nothing asked twice');
  const second = await rows(store, 'r2');
  assert.ok(second.every((r) => r.cached));
  assert.deepEqual(second.map((r) => r.text), first.map((r) => r.text));
  await store.createRun(manifestFixture(), 'r3');
  await runJobs(base(store, { runId: 'r3', providers: [p], probes: [probe('a')], params: { ...params, cache: false } }));
  assert.equal(p.calls.length, 7, '--no-cache asks again');
  await store.close();
});

test('Ctrl-C lets requests in flight finish and saves them; resume asks exactly the rest', async () => {
  const store = await setup();
  const ctl = new AbortController();
  const p = fakeProvider((req) => {
    if (req.messages.at(-1)!.content === 'Question q09?') ctl.abort();
    return { text: 'fine', finishReason: 'stop' };
  });
  const slow = { ...p, async generate(...args: Parameters<typeof p.generate>) {
    await new Promise((r) => setTimeout(r, 3));
    return p.generate(...args);
  } };
  const probes = Array.from({ length: 30 }, (_, i) => probe(`q${String(i).padStart(2, '0')}`));
  const first = await runJobs(base(store, { providers: [slow], probes, signal: ctl.signal, params: { ...params, concurrency: 3 } }));
  assert.equal(first.interrupted, true);
  const saved = await rows(store);
  assert.equal(saved.length, p.calls.length, 'every request that was sent has its answer saved');
  assert.ok(saved.every((r) => r.outcome === 'ok'));
  assert.ok(saved.length >= 10 && saved.length < 30, `${saved.length} saved`);
  const second = await runJobs(base(store, { providers: [slow], probes, skip: await store.doneKeys('r') }));
  assert.equal(second.interrupted, false);
  assert.equal(second.done, 30 - saved.length);
  assert.equal((await rows(store)).length, 30);
  assert.equal(p.calls.length, 30, 'nothing asked twice');
  await store.close();
});

test('Ctrl-C during a retry backoff records the failure instead of waiting', async () => {
  const store = await setup();
  const ctl = new AbortController();
  const p = fakeProvider(() => {
    setTimeout(() => ctl.abort(), 5);
    return new ProviderError('busy', { kind: 'http', status: 503, retryable: true, retryAfterMs: 60_000 });
  });
  const t0 = Date.now();
  const res = await runJobs(base(store, { providers: [p], probes: [probe('a')], signal: ctl.signal }));
  assert.ok(Date.now() - t0 < 5_000);
  assert.equal(res.interrupted, true);
  const [row] = await rows(store);
  assert.equal(row!.outcome, 'http_error');
  assert.ok(!(await store.doneKeys('r')).size, 'the failed answer is asked again on resume');
  await store.close();
});

test('concurrency per endpoint is bounded', async () => {
  const store = await setup();
  let inFlight = 0;
  let peak = 0;
  const p = fakeProvider(() => ({ text: 'x', finishReason: 'stop' }));
  const slow = { ...p, async generate(...args: Parameters<typeof p.generate>) {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 2));
    try { return await p.generate(...args); } finally { inFlight--; }
  } };
  await runJobs(base(store, { providers: [slow], probes: Array.from({ length: 20 }, (_, i) => probe(`q${i}`)), params: { ...params, concurrency: 3 } }));
  assert.equal(peak, 3);
  await store.close();
});

test('a bad API key stops the run with the provider error', async () => {
  const store = await setup();
  const p = fakeProvider(() => new ProviderError('invalid key', { kind: 'auth', status: 401, retryable: false }));
  await assert.rejects(runJobs(base(store, { providers: [p], probes: [probe('a'), probe('b')] })), /invalid key/);
  await store.close();
});

test('an endpoint that never answers is declared unreachable instead of filling the run with errors', async () => {
  const store = await setup();
  const p = fakeProvider(() => new ProviderError('connect ECONNREFUSED', { kind: 'transport', retryable: true }));
  const probes = Array.from({ length: 40 }, (_, i) => probe(`q${i}`));
  await assert.rejects(runJobs(base(store, { providers: [p], probes, params: { ...params, concurrency: 1 } })), /unreachable/);
  assert.ok(p.calls.length < 40 * 3);
  await store.close();
});

test("a provider's own maxConcurrency caps --concurrency", async () => {
  const store = await setup();
  let inFlight = 0;
  let peak = 0;
  const p = fakeProvider(() => ({ text: 'x', finishReason: 'stop' }));
  const single = { ...p, maxConcurrency: 1, async generate(...args: Parameters<typeof p.generate>) {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 2));
    try { return await p.generate(...args); } finally { inFlight--; }
  } };
  await runJobs(base(store, { providers: [single], probes: Array.from({ length: 10 }, (_, i) => probe(`q${i}`)), params: { ...params, concurrency: 8 } }));
  assert.equal(peak, 1);
  await store.close();
});

test('an unreadable answer is retried; an endpoint that never answers readably stops the run', async () => {
  const store = await setup();
  const flaky = fakeProvider((_req, n) => n === 1
    ? new ProviderError('response is not valid JSON: <html>', { kind: 'protocol', retryable: true })
    : { text: 'A factual answer.', finishReason: 'stop' });
  await runJobs(base(store, { providers: [flaky], probes: [probe('a')] }));
  const [row] = await rows(store);
  assert.equal(row!.outcome, 'ok');
  assert.equal(row!.attempts, 2);

  const broken = fakeProvider(() => new ProviderError('response is not valid JSON: <html>', { kind: 'protocol', retryable: true }), 'fake:broken');
  const probes = Array.from({ length: 40 }, (_, i) => probe(`q${i}`));
  await assert.rejects(runJobs(base(store, { providers: [broken], probes, params: { ...params, concurrency: 1 } })), /does not answer in the fake protocol/);
  assert.ok(broken.calls.length <= 5 * params.retry.maxAttempts);

  const replayLike = fakeProvider(() => new ProviderError('no recorded answer for this prompt', { kind: 'protocol', retryable: false }), 'fake:replay');
  const res = await runJobs(base(store, { providers: [replayLike], probes: probes.slice(0, 12), params: { ...params, concurrency: 1 } }));
  assert.equal(res.done, 12, 'a deliberate non-retryable protocol answer does not trip the breaker');
  await store.close();
});
