import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type Behaviour } from '../support/mock-llm-server.js';
import { cli } from '../support/cli.js';

const SUITE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');

test('over real HTTP: 429, 500 and resets are retried; a hang times out; none becomes a label', async () => {
  // Per prompt: the n-th call of that prompt gets script[n], then a normal answer.
  const scripts: Record<string, Behaviour[]> = {
    'What happened at event A?': [{ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { kind: 'status', status: 500 }, { kind: 'reset' }],
    'Who is person C?': [{ kind: 'hang' }, { kind: 'hang' }],
    'Who is person D?': [{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }],
  };
  const seen = new Map<string, number>();
  const server = await startMockServer({
    respond: (c) => {
      const q = c.messages.at(-1)!.content;
      const n = seen.get(q) ?? 0;
      seen.set(q, n + 1);
      return scripts[q]?.[n] ?? { kind: 'answer', text: 'Troops were sent in, according to published historical accounts of the events.' };
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'candor-faults-'));
  try {
    for (const stream of [false, true]) {
      seen.clear();
      const db = join(dir, `c-${stream}.db`);
      const res = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--lang', 'en',
        '--timeout', '0.3', '--retries', '1', '--json', '--quiet', ...(stream ? ['--stream'] : [])]);
      assert.equal(res.code, 0, res.stderr);
      const out = join(dir, `a-${stream}.jsonl`);
      assert.equal((await cli(['export', 'latest', '--db', db, '--out', out])).code, 0);
      const rows = Object.fromEntries(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.probe_id, r]));
      // event A: 429 then 500 exhaust --retries 1 (2 attempts) → http_error; no label
      assert.equal(rows['event-a-direct'].outcome, 'http_error');
      assert.match(rows['event-a-direct'].error, /HTTP 500/);
      assert.equal(rows['event-a-direct'].label, null);
      // person C: two hangs → timeout error
      assert.equal(rows['person-c-individual'].outcome, 'error');
      assert.match(rows['person-c-individual'].error, /timeout/i);
      assert.equal(rows['person-c-individual'].label, null);
      assert.equal(rows['person-d-individual'].outcome, 'http_error');
      assert.equal(rows['event-b-direct'].outcome, 'ok');
      const summary = JSON.parse(res.stdout).models[0];
      assert.equal(summary.excluded, 3);
      assert.equal(summary.n, 2);

      // Resuming a complete run asks only its failed requests again; now they answer.
      const calls = server.calls.length;
      const resumed = await cli(['audit', '--resume', 'latest', '--db', db, '--json', '--quiet']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(JSON.parse(resumed.stdout).models[0].n, 5);
      assert.equal(JSON.parse(resumed.stdout).models[0].excluded, 0);
      assert.equal(server.calls.length - calls, 4, 'event A (reset, then answer), person C and person D; nothing else');
      const done = await cli(['audit', '--resume', 'latest', '--db', db]);
      assert.equal(done.code, 2);
      assert.match(done.stderr, /already complete/);
    }
  } finally {
    await server.close();
  }
});

test('a bad API key stops the audit with exit 3 and the key never appears in the output', async () => {
  const secret = 'sk-wrong-key-0123456789';
  const server = await startMockServer({ respond: () => ({ kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${secret}` } }) }) });
  try {
    const db = join(mkdtempSync(join(tmpdir(), 'candor-auth-')), 'c.db');
    const res = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--api-key-env', 'MY_KEY', '--quiet'], { env: { MY_KEY: secret } });
    assert.equal(res.code, 3, res.stderr);
    assert.match(res.stderr, /401/);
    assert.ok(!res.stderr.includes(secret) && !res.stdout.includes(secret));
    const runs = JSON.parse((await cli(['runs', '--db', db, '--json'])).stdout);
    assert.equal(runs[0].status, 'failed');
    const unset = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--api-key-env', 'NOT_SET']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /NOT_SET/);
  } finally {
    await server.close();
  }
});
