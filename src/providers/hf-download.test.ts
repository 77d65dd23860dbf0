import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ProviderError } from '../core/errors.js';
import { startFakeHub } from '../../test/support/fake-hub.js';
import { downloadVerified } from './hf-download.js';
import type { LocalModelEvent } from './types.js';

const DATA = randomBytes(300_000);
const SHA = createHash('sha256').update(DATA).digest('hex');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'candor-dl-'));

function target(url: string, dest: string, sha256 = SHA) {
  return { url: `${url}/org/m/resolve/main/m.gguf`, dest, sha256, size: DATA.length, label: 'org/m/m.gguf', repo: 'org/m' };
}

test('a connection cut mid-body is continued with a Range request, then the checksum is verified', async () => {
  const hub = await startFakeHub({ repos: { 'org/m': { sha: 'abc1234', files: { 'm.gguf': DATA } } }, cut: { bytes: 100_000, times: 1 } });
  try {
    const dest = join(tmp(), 'm.gguf');
    const events: LocalModelEvent[] = [];
    const bytes = await downloadVerified(target(hub.url, dest), { onEvent: (e) => events.push(e), progressEvery: 50_000 });
    assert.equal(bytes, DATA.length);
    assert.ok(readFileSync(dest).equals(DATA));
    assert.equal(existsSync(`${dest}.part`), false);
    const gets = hub.calls.filter((c) => c.method === 'GET');
    assert.equal(gets.length, 2);
    assert.equal(gets[0]!.range, undefined);
    assert.match(gets[1]!.range ?? '', /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(gets[1]!.range!)![0]) > 0, 'resumed past byte 0');
    assert.ok(events.some((e) => e.type === 'download-retry'));
    const starts = events.filter((e) => e.type === 'download-start');
    assert.equal(starts.length, 2);
    assert.ok(starts[1]!.type === 'download-start' && starts[1]!.resumeFrom > 0);
    assert.ok(events.some((e) => e.type === 'download-progress' && e.received === DATA.length && e.total === DATA.length));
    assert.ok(events.at(-1)?.type === 'download-done');
  } finally {
    await hub.close();
  }
});

test('a part file left by an earlier process is continued, not restarted', async () => {
  const hub = await startFakeHub({ repos: { 'org/m': { sha: 'abc1234', files: { 'm.gguf': DATA } } }, cut: { bytes: 120_000, times: 1 } });
  try {
    const dest = join(tmp(), 'm.gguf');
    await assert.rejects(downloadVerified(target(hub.url, dest), { attempts: 1 }), ProviderError);
    assert.ok(existsSync(`${dest}.part`));
    await downloadVerified(target(hub.url, dest));
    assert.ok(readFileSync(dest).equals(DATA));
    assert.match(hub.calls.at(-1)!.range ?? '', /^bytes=[1-9]\d*-$/);
  } finally {
    await hub.close();
  }
});

test('a checksum mismatch deletes the download and fails without retrying', async () => {
  const hub = await startFakeHub({ repos: { 'org/m': { sha: 'abc1234', files: { 'm.gguf': DATA } } } });
  try {
    const dest = join(tmp(), 'm.gguf');
    await assert.rejects(downloadVerified(target(hub.url, dest, 'f'.repeat(64))), (e) => {
      assert.ok(e instanceof ProviderError);
      assert.match(e.message, /org\/m\/m\.gguf: checksum mismatch \(sha256 [0-9a-f]{64}, expected f{64}\)/);
      return true;
    });
    assert.equal(existsSync(dest), false);
    assert.equal(existsSync(`${dest}.part`), false);
    assert.equal(hub.calls.length, 1);
  } finally {
    await hub.close();
  }
});

test('a 404 is a ConfigError naming the file and URL; a closed port is a transport error that says how to go offline', async () => {
  const hub = await startFakeHub({ repos: {} });
  const dest = join(tmp(), 'm.gguf');
  try {
    await assert.rejects(downloadVerified(target(hub.url, dest)), (e) => e instanceof ConfigError && /org\/m\/m\.gguf: not found on the server \(HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/org\/m\/resolve\/main\/m\.gguf\)/.test(e.message));
  } finally {
    await hub.close();
  }
  await assert.rejects(downloadVerified(target(hub.url, dest), { attempts: 2 }), (e) => {
    assert.ok(e instanceof ProviderError);
    assert.equal(e.kind, 'transport');
    assert.match(e.message, /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*--model gguf:/);
    return true;
  });
});
