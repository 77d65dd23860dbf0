import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from '../../src/cli/main.js';
import { cli } from '../support/cli.js';
import { seedRun, twoModelAnswers } from '../support/browser.js';

test('candor serve refuses a non-loopback host without a token (exit 2, clear message)', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-serve-cli-')), 'r.db');
  const res = await cli(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0']);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /not a loopback address.*--token or CANDOR_SERVE_TOKEN/);
  const short = await cli(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0'], { env: { CANDOR_SERVE_TOKEN: 'short' } });
  assert.equal(short.code, 2);
  assert.match(short.stderr, /at least 16 characters/);
});

test('candor serve prints its URL, serves the runs, requires the env token when one is set, and stops on Ctrl-C', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-serve-cli-')), 'r.db');
  await seedRun(db, 'run-1', twoModelAnswers(2));
  const token = 'tok-0123456789abcdef';
  let stdout = '';
  let stderr = '';
  const ctl = new AbortController();
  const done = runCli(['serve', '--db', db, '--port', '0'], {
    stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) },
    env: { CANDOR_SERVE_TOKEN: token }, signal: ctl.signal,
  });
  try {
    let port: string | undefined;
    for (let i = 0; i < 200 && !port; i++) {
      port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout)?.[1];
      if (!port) await sleep(25);
    }
    assert.ok(port, `no URL printed: ${stdout} ${stderr}`);
    assert.ok(!stdout.includes(token), 'the token is never printed');
    const url = `http://127.0.0.1:${port}/`;
    assert.equal((await fetch(url)).status, 401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.ok((await ok.text()).includes('run-1'));
  } finally {
    ctl.abort();
  }
  assert.equal(await done, 0, stderr);
});
