import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { startFakeHub } from '../support/fake-hub.js';
import { tinyLlamaGguf } from '../support/gguf-writer.js';

const SUITE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'candor-hf-'));
const MODEL = tinyLlamaGguf();
const REPO = { sha: '0123456789abcdef0123456789abcdef01234567', files: { 'tiny-f32.gguf': MODEL, 'tiny-q8_0.gguf': MODEL, 'README.md': Buffer.from('hi') } };
const env = (hub: string, dir: string): NodeJS.ProcessEnv => ({
  HF_ENDPOINT: hub, CANDOR_MODELS_DIR: dir, CANDOR_LLAMA_GPU: 'false', CANDOR_LLAMA_THREADS: '1', CANDOR_LLAMA_CONTEXT: '256',
});

test('audit --model hf:<repo>:<quant> downloads once (cut, resumed, verified), runs, and works offline from the cache', async () => {
  const hub = await startFakeHub({ repos: { 'org/tiny-GGUF': REPO }, cut: { bytes: 50_000, times: 1 } });
  const dir = tmp();
  const args = (db: string): string[] => ['audit', '--model', 'hf:org/tiny-GGUF:F32', '--suite', SUITE, '--db', join(dir, db), '--max-tokens', '4', '--lang', 'en', '--json'];
  try {
    const res = await cli(args('a.db'), { env: env(hub.url, dir) });
    assert.equal(res.code, 0, res.stderr);
    const m = JSON.parse(res.stdout).models[0];
    assert.equal(m.model, 'hf:org/tiny-GGUF:F32');
    assert.equal(m.n + m.excluded, 5);
    assert.match(res.stderr, /downloading org\/tiny-GGUF\/tiny-f32\.gguf/);
    assert.match(res.stderr, /resuming at/);
    assert.match(res.stderr, /sha256 verified/);
    const path = join(dir, 'org', 'tiny-GGUF', 'tiny-f32.gguf');
    assert.ok(readFileSync(path).equals(MODEL));
    const resolves = hub.calls.filter((c) => c.path.includes('/resolve/'));
    assert.equal(resolves.length, 2);
    assert.ok(resolves.every((c) => c.path.includes(REPO.sha)), 'downloads are pinned to the commit');

    const before = hub.calls.length;
    const again = await cli(args('b.db'), { env: env(hub.url, dir) });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(hub.calls.slice(before).filter((c) => c.path.includes('/resolve/')).length, 0, 'no second download');
    assert.match(again.stderr, /using .*tiny-f32\.gguf/);

    await hub.close();
    const offline = await cli(args('c.db'), { env: env(hub.url, dir) });
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stderr, /using .*tiny-f32\.gguf/);
  } finally {
    await hub.close();
  }
});

test('hf: failures: unknown repository (404), checksum mismatch, network down — clean messages, non-zero exits', async () => {
  const hub = await startFakeHub({ repos: { 'org/bad-GGUF': { ...REPO, wrongSha256: { 'tiny-f32.gguf': 'a'.repeat(64) } } } });
  const dir = tmp();
  const run = (spec: string, hubUrl = hub.url) =>
    cli(['audit', '--model', spec, '--suite', SUITE, '--db', join(dir, 'x.db'), '--quiet'], { env: env(hubUrl, dir) });
  try {
    const missing = await run('hf:org/nope-GGUF:Q8_0');
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /hf:org\/nope-GGUF: no such repository on http:\/\/127\.0\.0\.1:\d+ \(HTTP 404/);

    const bad = await run('hf:org/bad-GGUF:F32');
    assert.equal(bad.code, 3, bad.stderr);
    assert.match(bad.stderr, /tiny-f32\.gguf: checksum mismatch/);
    assert.equal(existsSync(join(dir, 'org', 'bad-GGUF', 'tiny-f32.gguf')), false);
    assert.equal(existsSync(join(dir, 'org', 'bad-GGUF', 'tiny-f32.gguf.part')), false);

    const noQuant = await run('hf:org/bad-GGUF:Q2_K');
    assert.equal(noQuant.code, 2);
    assert.match(noQuant.stderr, /no GGUF file with quantisation 'Q2_K' \(files: tiny-f32\.gguf, tiny-q8_0\.gguf\)/);
  } finally {
    await hub.close();
  }
  const down = await run('hf:org/tiny-GGUF:F32', hub.url);
  assert.equal(down.code, 3, down.stderr);
  assert.match(down.stderr, /cannot reach http:\/\/127\.0\.0\.1:\d+ \([A-Z_]+\); without network, run a local file instead: --model gguf:/);

  const off = await cli(['audit', '--model', 'hf:org/tiny-GGUF:F32', '--suite', SUITE, '--db', join(dir, 'y.db'), '--quiet'], { env: { ...env(hub.url, dir), HF_HUB_OFFLINE: '1' } });
  assert.equal(off.code, 2);
  assert.match(off.stderr, /not downloaded yet and downloads are off/);
});

test('the checksum can come from X-Linked-Etag when the API gives no LFS metadata', async () => {
  const hub = await startFakeHub({ repos: { 'org/tiny-GGUF': REPO }, noLfsInApi: true });
  const dir = tmp();
  try {
    const res = await cli(['audit', '--model', 'hf:org/tiny-GGUF', '--suite', SUITE, '--db', join(dir, 'x.db'), '--max-tokens', '2', '--limit', '1', '--lang', 'en', '--quiet'], { env: env(hub.url, dir) });
    assert.equal(res.code, 0, res.stderr);
    assert.ok(hub.calls.some((c) => c.method === 'HEAD'));
    // No quantisation named: Q4_K_M, Q4_0, then Q8_0 are preferred.
    assert.ok(existsSync(join(dir, 'org', 'tiny-GGUF', 'tiny-q8_0.gguf')));
  } finally {
    await hub.close();
  }
});
