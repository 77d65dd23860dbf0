import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GenerateRequest } from '../core/types.js';
import { ConfigError, ProviderError, SuiteError } from '../core/errors.js';
import { createProvider } from './registry.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'candor-replay-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, lines: (string | object)[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const ask = (prompt: string, sample?: number): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'sys' },
    { role: 'user', content: prompt },
  ],
  maxTokens: 10,
  ...(sample !== undefined && { sample }),
});
const signal = (): AbortSignal => AbortSignal.timeout(5000);

test('replay matches the last user message after trim + NFC and rotates samples', async () => {
  const path = await file('a.jsonl', [
    { prompt: 'Café?', response: 'first', model: 'rec-model' },
    { prompt: 'Other', response: 'x' },
    { prompt: 'Café?', response: '<think></think>second', finish_reason: 'length' },
  ]);
  const p = await createProvider(`replay:${path}`);
  assert.equal(p.id, `replay:${path}`);
  assert.equal(p.concurrencyKey(), `replay:${path}`);
  const decomposed = '  Cafe\u0301?\n';
  const r0 = await p.generate(ask(decomposed, 0), { signal: signal() });
  assert.deepEqual(r0, { text: 'first', finishReason: 'stop', servedModel: 'rec-model' });
  const r1 = await p.generate(ask('Café?', 1), { signal: signal() });
  assert.deepEqual(r1, { text: 'second', reasoning: '', finishReason: 'length' });
  assert.equal((await p.generate(ask('Café?', 2), { signal: signal() })).text, 'first');
  assert.equal((await p.generate(ask('Café?'), { signal: signal() })).text, 'first');
});

test('replay keeps a recorded reasoning field', async () => {
  const path = await file('r.jsonl', [{ prompt: 'q', response: 'a', reasoning: 'because', lang: 'en', id: 'x1' }]);
  const p = await createProvider(`replay:${path}`);
  assert.deepEqual(await p.generate(ask('q'), { signal: signal() }), { text: 'a', reasoning: 'because', finishReason: 'stop' });
});

test('replay without a record is a non-retryable protocol error', async () => {
  const path = await file('b.jsonl', [{ prompt: 'known', response: 'yes' }]);
  const p = await createProvider(`replay:${path}`);
  const e = await p.generate(ask('unknown'), { signal: signal() }).catch((x: unknown) => x);
  assert.ok(e instanceof ProviderError);
  assert.deepEqual([e.kind, e.retryable, e.message], ['protocol', false, 'no recorded answer for this prompt']);
});

test('replay collects every bad line with its number', async () => {
  const path = await file('bad.jsonl', [{ prompt: 'ok', response: 'ok' }, '{not json', '', { prompt: 'p' }, { prompt: 1, response: 'r', lang: 5 }, '[1]']);
  const e = await createProvider(`replay:${path}`).catch((x: unknown) => x);
  assert.ok(e instanceof SuiteError);
  assert.equal(e.file, path);
  assert.deepEqual(
    e.issues.map((i) => i.path),
    ['line 2', 'line 4.response', 'line 5.prompt', 'line 5.lang', 'line 6'],
  );
  assert.match(e.message, /5 problems/);
});

test('an empty or missing replay file is a clear error', async () => {
  const empty = await file('empty.jsonl', ['']);
  const e = await createProvider(`replay:${empty}`).catch((x: unknown) => x);
  assert.ok(e instanceof SuiteError && /no records/.test(e.message));
  const missing = await createProvider(`replay:${join(dir, 'nope.jsonl')}`).catch((x: unknown) => x);
  assert.ok(missing instanceof ConfigError && /cannot read replay file/.test(missing.message));
});

test('replay honours an aborted signal', async () => {
  const path = await file('c.jsonl', [{ prompt: 'q', response: 'a' }]);
  const p = await createProvider(`replay:${path}`);
  const c = new AbortController();
  c.abort();
  const e = await p.generate(ask('q'), { signal: c.signal }).catch((x: unknown) => x);
  assert.ok(e instanceof ProviderError && e.kind === 'aborted');
});
