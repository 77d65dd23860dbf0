import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunStore, StoredResult } from '../store/types.js';
import { redisKeys } from './keys.js';
import { AnswerSink, type CompletedAnswer } from './sink.js';

/** A store and a Redis that log what is done to them, in order. */
function fakes(failWrites = 0) {
  const log: string[] = [];
  let failures = failWrites;
  const store = {
    async saveBatch(batch: readonly StoredResult[], cache: readonly unknown[]) {
      await new Promise((r) => setTimeout(r, 5));
      if (failures-- > 0) throw new Error('disk full');
      log.push(`store ${batch.map((b) => b.response.probeId).join(',')} cache ${cache.length}`);
    },
  } as unknown as RunStore;
  const multi = () => {
    const ops: string[] = [];
    const m = {
      sadd: (key: string, ...ids: string[]) => (ops.push(`sadd ${key} ${ids.join(',')}`), m),
      srem: (key: string, ...ids: string[]) => (ops.push(`srem ${key} ${ids.join(',')}`), m),
      exec: async () => (log.push(ops.join('; ')), ops.map(() => [null, 1])),
    };
    return m;
  };
  const redis = { multi } as unknown as Redis;
  const queue = (name: string) => ({ addBulk: async (jobs: { opts: { jobId: string } }[]) => log.push(`enqueue ${name} ${jobs.map((j) => j.opts.jobId).join(',')}`) }) as unknown as Queue;
  return { log, store, redis, queue };
}

const answer = (probeId: string, next: string[] = []): CompletedAnswer => ({
  runId: 'r', jobId: `j-${probeId}`, queue: 'q', attempts: 5,
  stored: { response: { probeId } } as unknown as StoredResult,
  cacheEntry: { key: probeId, result: { text: '', finishReason: 'stop' } },
  next: next.map((id) => ({ id, data: { runId: 'r', model: 'm', probe: 'p\u0000en', sample: 0, arm: 'prefill', prefill: 'x' } })),
});

test('AnswerSink: answers within the linger share one write; dependents are planned, then enqueued, then the answers are done', async () => {
  const f = fakes();
  const sink = new AnswerSink({ store: f.store, redis: f.redis, queue: f.queue, lingerMs: 30 });
  let resolved = 0;
  const adds = [sink.add(answer('a', ['n1'])), sink.add(answer('b'))].map((p) => p.then(() => resolved++));
  await new Promise((r) => setTimeout(r, 10));
  const late = sink.add(answer('c')).then(() => resolved++);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(resolved, 0, 'nothing is acknowledged before it is written');
  await Promise.all([...adds, late]);
  assert.deepEqual(f.log, [
    'store a,b,c cache 3',
    `sadd ${redisKeys.planned('r')} n1`,
    'enqueue q n1',
    `sadd ${redisKeys.done('r')} j-a,j-b,j-c; srem ${redisKeys.failed('r')} j-a,j-b,j-c`,
  ]);
});

test('AnswerSink: flushAt answers waiting start the write before the linger ends; answers arriving during a write share the next', async () => {
  const f = fakes();
  const sink = new AnswerSink({ store: f.store, redis: f.redis, queue: f.queue, lingerMs: 10_000, flushAt: 2 });
  const t0 = performance.now();
  const first = [sink.add(answer('a')), sink.add(answer('b'))];
  await new Promise((r) => setTimeout(r, 1)); // the write of a, b is under way
  const second = [sink.add(answer('c')), sink.add(answer('d')), sink.add(answer('e'))];
  await Promise.all([...first, ...second]);
  assert.ok(performance.now() - t0 < 5000, 'did not wait for the linger');
  assert.deepEqual(f.log.filter((l) => l.startsWith('store')), ['store a,b cache 2', 'store c,d,e cache 3']);
});

test('AnswerSink: a failed write rejects its answers only (their jobs are retried); later answers are written', async () => {
  const f = fakes(1);
  const sink = new AnswerSink({ store: f.store, redis: f.redis, queue: f.queue, lingerMs: 0 });
  const a = sink.add(answer('a'));
  await assert.rejects(a, /disk full/);
  await sink.add(answer('b'));
  assert.deepEqual(f.log, ['store b cache 1', `sadd ${redisKeys.done('r')} j-b; srem ${redisKeys.failed('r')} j-b`], 'a is never marked done');
  await sink.idle();
});
