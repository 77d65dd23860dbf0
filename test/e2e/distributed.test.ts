import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultServer } from '../support/fault-server.js';
import { cli } from '../support/cli.js';
import { MINI_SUITE as SUITE, exportedAnswers, startWorker as spawnWorker, stopWorkers, useDistributedServices } from '../support/distributed.js';

const SAMPLES = 12; // 5 items × 2 languages × 12 draws = 120 answers

// A Redis database of its own (distributed-arms.test.ts uses 8, distributed-failures 7), emptied first.
const env = await useDistributedServices({ dbPrefix: 'candor_dist', redisDb: 9 });
const { skip, redisUrl } = env;

const startWorker = () => spawnWorker(redisUrl, env.dbUrl);

const rows = (args: string[]) => exportedAnswers(args, (a) => ({
  outcome: a['outcome'] as string, text: a['answer'] as string, label: (a['label'] ?? null) as string | null, seed: a['seed'] as number,
}));

test('a run done by three workers, one SIGKILLed mid-run, equals the same run done in one process', { skip, timeout: 180_000 }, async () => {
  const server = await startFaultServer({ faultRate: 0, delayMs: 40 });
  const dir = mkdtempSync(join(tmpdir(), 'candor-dist-'));
  const model = `openai:det@${server.url}/v1`;
  const workers = [startWorker(), startWorker(), startWorker()];
  try {
    const reference = await cli(['audit', '--model', model, '--suite', SUITE, '--db', join(dir, 'ref.db'), '--samples', String(SAMPLES), '--concurrency', '4', '--json', '--quiet']);
    assert.equal(reference.code, 0, reference.stderr);
    await Promise.all(workers.map((w) => w.ready));

    const sent = (): number => [...server.draws.values()].reduce((a, d) => a + d.attempts, 0);
    const base = sent();
    const audit = cli(['audit', '--model', model, '--suite', SUITE, '--store', env.dbUrl, '--queue', redisUrl, '--samples', String(SAMPLES), '--concurrency', '4', '--json']);
    while (sent() - base < 30) await new Promise((r) => setTimeout(r, 5));
    const victim = workers[0]!.child;
    const killed = once(victim, 'exit');
    victim.kill('SIGKILL');
    assert.equal(((await killed) as [number | null, string | null])[1], 'SIGKILL');
    const distributed = await audit;
    assert.equal(distributed.code, 0, distributed.stderr);
    assert.match(distributed.stderr, /120 answers queued/);

    const a = JSON.parse(reference.stdout).models[0];
    const b = JSON.parse(distributed.stdout).models[0];
    for (const k of ['n', 'excluded', 'rates', 'censorshipIndex', 'sensitive', 'control', 'asymmetry', 'outcomes']) assert.deepEqual(b[k], a[k], k);

    const local = await rows(['--db', join(dir, 'ref.db')]);
    const shared = await rows(['--store', env.dbUrl]);
    assert.equal(shared.length, 120, 'every answer stored once');
    assert.equal(new Set(shared.map((r) => r.key)).size, 120, 'no answer duplicated');
    assert.deepEqual(shared, local, 'the same answers, outcomes and labels');
    const runs = await cli(['runs', '--store', env.dbUrl, '--json']);
    assert.equal(JSON.parse(runs.stdout)[0].status, 'complete');

    // Re-planning a complete run enqueues nothing and completes at once.
    const again = await cli(['audit', '--resume', 'latest', '--store', env.dbUrl, '--queue', redisUrl, '--json', '--quiet']);
    assert.notEqual(again.code, 0, 'a complete run has nothing to resume');
    assert.match(again.stderr, /nothing to resume/);
  } finally {
    await stopWorkers(workers);
    await server.close();
  }
});

test('audit --queue without a shared store, or with a bad queue URL, is a clear usage error', async () => {
  const noStore = await cli(['audit', '--model', 'openai:m@http://127.0.0.1:1/v1', '--queue', 'redis://127.0.0.1:6379', '--quiet']);
  assert.equal(noStore.code, 2);
  assert.match(noStore.stderr, /--queue needs a store/);
  const badUrl = await cli(['worker', '--queue', 'http://x', '--store', 'postgres://127.0.0.1/x']);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /not a Redis URL/);
  const badStore = await cli(['runs', '--store', 'mysql://h/db']);
  assert.equal(badStore.code, 2);
  assert.match(badStore.stderr, /not a store URL/);
});
