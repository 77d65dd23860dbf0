import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { runCli } from '../../src/cli/main.js';
import { redisKeys } from '../../src/queue/keys.js';
import { cli } from '../support/cli.js';
import { MINI_SUITE as SUITE, startWorker, stopWorkers, useDistributedServices, type WorkerProcess } from '../support/distributed.js';
import { startFaultServer } from '../support/fault-server.js';

// A Redis database of its own (distributed.test.ts uses 9, distributed-arms 8), emptied first.
const env = await useDistributedServices({ dbPrefix: 'candor_distfail', redisDb: 7 });
const { skip, redisUrl } = env;

test('jobs BullMQ gives up on — by a worker, or with no worker of ours noticing — end the run as failed, reported; a resume completes it', { skip, timeout: 120_000 }, async () => {
  const server = await startFaultServer({ faultRate: 0, delayMs: 5 });
  const redis = new Redis(redisUrl);
  let stderr = '';
  const audit = runCli(['audit', '--model', `openai:det@${server.url}/v1`, '--suite', SUITE, '--store', env.dbUrl, '--queue', redisUrl, '--samples', '2', '--json'], {
    stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {}, signal: new AbortController().signal,
  });
  let worker: WorkerProcess | undefined;
  try {
    while (!/answers queued/.test(stderr)) await new Promise((r) => setTimeout(r, 10));
    const runId = /run (\S+):/.exec(stderr)![1]!;
    const [name] = await redis.smembers(redisKeys.queues);
    const queue = new Queue(name!, { connection: { url: redisUrl } });
    // Two extra jobs of the run: one a worker fails (its probe is unknown), one failed outside any
    // worker of ours (as BullMQ's stalled-job check does after too many stalls).
    await redis.sadd(redisKeys.planned(runId), 'bad-probe', 'stalled-out');
    const data = { runId, model: `openai:det@${server.url}/v1`, sample: 0, arm: 'direct' };
    await queue.add('answer', { ...data, probe: 'no-such-item\u0000en' }, { jobId: 'bad-probe', attempts: 1, lifo: true, removeOnFail: { age: 3600 } });
    await queue.add('answer', { ...data, probe: 'event-a-direct\u0000en' }, { jobId: 'stalled-out', lifo: true, removeOnFail: { age: 3600 } });
    const thief = new Worker(name!, null, { connection: { url: redisUrl, maxRetriesPerRequest: null } });
    const job = await thief.getNextJob('thief-token');
    assert.equal(job?.id, 'stalled-out');
    await job.moveToFailed(new Error('job stalled more than allowable limit\u001b[2J'), 'thief-token', false);
    await thief.close();
    await queue.close();

    worker = startWorker(redisUrl, env.dbUrl);
    await worker.ready;
    const code = await audit;
    assert.equal(code, 0, stderr);
    assert.match(stderr, /20\/22 stored, 2 given up/);
    assert.match(stderr, /job bad-probe given up \(no answer stored\): run \S+ has no such probe/);
    assert.match(stderr, /job stalled-out given up \(no answer stored\): job stalled more than allowable limit \[2J/, 'reported, control characters removed');
    const runs = await cli(['runs', '--store', env.dbUrl, '--json']);
    assert.equal(JSON.parse(runs.stdout)[0].status, 'failed');

    // The extra jobs are not part of the run's plan: a resume finds everything stored and completes it.
    const again = await cli(['audit', '--resume', runId, '--store', env.dbUrl, '--queue', redisUrl, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 answers queued on 1 queue\(s\), 20 already stored/);
    assert.equal(JSON.parse((await cli(['runs', '--store', env.dbUrl, '--json'])).stdout)[0].status, 'complete');
    assert.equal(await redis.exists(redisKeys.done(runId), redisKeys.planned(runId), redisKeys.probes(runId)), 0, 'a finished run leaves no keys of its own');
  } finally {
    await stopWorkers(worker ? [worker] : []);
    redis.disconnect();
    await server.close();
  }
});
