import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { MINI_SUITE as SUITE, exportedAnswers, startWorker as spawnWorker, stopWorkers, useDistributedServices } from '../support/distributed.js';
import { startMockServer, type MockCall } from '../support/mock-llm-server.js';

const SAMPLES = 6;
const ARMS = ['--arm', 'system:helpful', '--arm', 'prefill', '--arm', 'followup', '--prefill-mode', 'continue_final_message'];

// A Redis database of its own (distributed.test.ts uses 9, distributed-failures 7), emptied first.
const env = await useDistributedServices({ dbPrefix: 'candor_distarms', redisDb: 8 });
const { skip, redisUrl } = env;

const unit = (s: string): number => createHash('sha256').update(s).digest().readUInt32BE(0) / 2 ** 32;
const REFUSAL = "I'm sorry, but I can't help with that.";
const FACTS = { en: 'Troops were deployed and the events are documented by historians.', zh: '军队被部署，这一事件有历史学家的记录。' };

/**
 * Deterministic in (conversation, seed): sensitive questions are refused on about half the
 * draws, and asked again (follow-up) refused on some; a prefilled answer is continued with the
 * facts; about a third of the answers carry a reasoning trace (so some prefills use the thought opening).
 */
function respond(c: MockCall): { kind: 'answer'; text: string; reasoning?: string; delayMs: number } {
  const convo = c.messages.map((m) => `${m.role}:${m.content}`).join('\n');
  const r = unit(`${convo}\u0000${c.seed ?? 0}`);
  const q = c.messages.find((m) => m.role === 'user')!.content;
  const facts = /[\u4e00-\u9fff]/.test(q) ? FACTS.zh : FACTS.en;
  const sensitive = /event A|事件A|person C|C是谁/.test(q);
  const reasoning = unit(`think\u0000${convo}\u0000${c.seed ?? 0}`) < 0.35 ? { reasoning: 'Considering the question.' } : {};
  const text = c.messages.at(-1)!.role === 'assistant' ? facts : sensitive && r < 0.55 ? REFUSAL : facts;
  return { kind: 'answer', text, ...reasoning, delayMs: 5 + Math.floor(r * 30) };
}

const startWorker = () => spawnWorker(redisUrl, env.dbUrl, ['--concurrency', '3']);

const rows = (args: string[]) => exportedAnswers(args, (a) => ({
  outcome: a['outcome'], text: a['answer'], reasoning: a['reasoning'] ?? null, label: a['label'] ?? null, seed: a['seed'],
}));

test('arms through the queue (system, prefill, follow-up), a worker SIGKILLed mid-run, equal the same run in one process', { skip, timeout: 180_000 }, async () => {
  const server = await startMockServer({ respond, recordCalls: true });
  const dir = mkdtempSync(join(tmpdir(), 'candor-dist-arms-'));
  const model = `openai:det@${server.url}/v1`;
  const workers = [startWorker(), startWorker(), startWorker()];
  const common = ['--model', model, '--suite', SUITE, '--samples', String(SAMPLES), '--concurrency', '4', '--json', ...ARMS];
  try {
    const reference = await cli(['audit', ...common, '--db', join(dir, 'ref.db'), '--quiet']);
    assert.equal(reference.code, 0, reference.stderr);
    const localCalls = server.calls.length;
    await Promise.all(workers.map((w) => w.ready));

    const audit = cli(['audit', ...common, '--store', env.dbUrl, '--queue', redisUrl]);
    // Kill a worker once prefills are being asked: some dependent jobs are in its hands.
    while (!server.calls.slice(localCalls).some((c) => c.messages.at(-1)!.role === 'assistant')) await new Promise((r) => setTimeout(r, 2));
    const killed = once(workers[0]!.child, 'exit');
    workers[0]!.child.kill('SIGKILL');
    await killed;
    const distributed = await audit;
    assert.equal(distributed.code, 0, distributed.stderr);
    assert.match(distributed.stderr, /120 answers queued/, 'direct and system arms first; prefills and follow-ups as direct answers are stored');

    const a = JSON.parse(reference.stdout).models[0];
    const b = JSON.parse(distributed.stdout).models[0];
    assert.ok(a.arms.followup.n > 0 && a.arms.followup.notFollowedUp > 0, 'the server makes some follow-ups and some not');
    assert.equal(a.arms.prefill.n, 60);
    for (const k of ['n', 'excluded', 'rates', 'censorshipIndex', 'sensitive', 'control', 'outcomes', 'arms', 'suppression', 'thoughtSuppression', 'unsupported', 'unverified']) {
      assert.deepEqual(b[k], a[k], k);
    }

    const local = await rows(['--db', join(dir, 'ref.db')]);
    const shared = await rows(['--store', env.dbUrl]);
    assert.equal(new Set(shared.map((r) => r.key)).size, shared.length, 'no answer duplicated');
    assert.deepEqual(shared, local, 'the same answers, in every arm, with the same texts, reasoning and labels');
    assert.ok(local.some((r) => String(r.key).includes('|prefill|') && String(r.reasoning ?? '').startsWith('Okay, the user is asking about')),
      'a prefill after a direct answer with reasoning uses the thought opening');
    const runs = await cli(['runs', '--store', env.dbUrl, '--json']);
    assert.equal(JSON.parse(runs.stdout)[0].status, 'complete');
  } finally {
    await stopWorkers(workers);
    await server.close();
  }
});

test('a run begun in one process (interrupted mid-way) and resumed through the queue equals the run done in one process', { skip, timeout: 180_000 }, async () => {
  const server = await startMockServer({ respond, recordCalls: true });
  const dir = mkdtempSync(join(tmpdir(), 'candor-dist-arms-'));
  const model = `openai:det@${server.url}/v1`;
  const common = ['--model', model, '--suite', SUITE, '--samples', String(SAMPLES), '--concurrency', '2', '--json', '--quiet', ...ARMS];
  const workers = [startWorker(), startWorker()];
  try {
    const reference = await cli(['audit', ...common, '--db', join(dir, 'ref.db')]);
    assert.equal(reference.code, 0, reference.stderr);
    // Locally into the shared store, stopped (Ctrl-C) while the direct and system arms are asked:
    // some direct answers are stored, no prefill or follow-up yet.
    const base = server.calls.length;
    const stop = new AbortController();
    const local = cli(['audit', ...common, '--store', env.dbUrl], { signal: stop.signal });
    while (server.calls.length - base < 50) await new Promise((r) => setTimeout(r, 2));
    stop.abort();
    const interrupted = await local;
    assert.notEqual(interrupted.code, 0, 'interrupted');
    const partial = await rows(['--store', env.dbUrl]);
    assert.ok(partial.length >= 40 && partial.length < 120, `part of the first stage stored (${partial.length})`);
    assert.ok(!partial.some((r) => /\|(prefill|followup)\|/.test(String(r.key))), 'no dependent answer yet');

    await Promise.all(workers.map((w) => w.ready));
    const resumed = await cli(['audit', '--resume', 'latest', '--store', env.dbUrl, '--queue', redisUrl, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const queued = /(\d+) answers queued on 1 queue\(s\), (\d+) already stored/.exec(resumed.stderr);
    assert.ok(queued && Number(queued[2]) === partial.length, resumed.stderr);
    assert.ok(Number(queued[1]) > 120 - partial.length, 'the dependents of the stored direct answers are planned at once');

    const a = JSON.parse(reference.stdout).models[0];
    const b = JSON.parse(resumed.stdout).models[0];
    for (const k of ['n', 'rates', 'censorshipIndex', 'arms', 'suppression', 'thoughtSuppression']) assert.deepEqual(b[k], a[k], k);
    assert.deepEqual(await rows(['--store', env.dbUrl]), await rows(['--db', join(dir, 'ref.db')]));
  } finally {
    await stopWorkers(workers);
    await server.close();
  }
});
