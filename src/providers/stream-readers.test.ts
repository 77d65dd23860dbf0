import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderError } from '../core/errors.js';
import { readLines } from './lines.js';
import { readNdjson } from './ndjson.js';
import { readSse } from './sse.js';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('readLines handles CRLF, split chunks and a UTF-8 character cut in two', async () => {
  const bytes = new TextEncoder().encode('天安门');
  const lines = await collect(readLines(chunks('a\r\nb', '\nc', bytes.slice(0, 4), bytes.slice(4), '\n', 'tail')));
  assert.deepEqual(lines, ['a', 'b', 'c天安门', 'tail']);
});

test('readSse joins multi-line data, reads event names and skips comments', async () => {
  const events = await collect(readSse(chunks(': ping\n\nevent: message_start\ndata: {"a":', '1}\n\ndata: x\ndata: y\n\ndata: [DONE]\n\n')));
  assert.deepEqual(events, [{ event: 'message_start', data: '{"a":1}' }, { data: 'x\ny' }, { data: '[DONE]' }]);
});

test('readSse yields a final event without a trailing blank line', async () => {
  assert.deepEqual(await collect(readSse(chunks('data:last'))), [{ data: 'last' }]);
});

test('readNdjson parses lines and rejects bad JSON as a protocol error', async () => {
  assert.deepEqual(await collect(readNdjson(chunks('{"a":1}\n\n{"b"', ':2}\n'))), [{ a: 1 }, { b: 2 }]);
  await assert.rejects(collect(readNdjson(chunks('{"a":1}\nnope\n'))), (e) => e instanceof ProviderError && e.kind === 'protocol');
});
