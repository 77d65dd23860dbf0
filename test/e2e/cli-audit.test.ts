import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startMockServer } from '../support/mock-llm-server.js';
import { cli } from '../support/cli.js';

const SUITE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'candor-e2e-'));

test('audit → summary JSON contract, runs, show and export', async () => {
  const server = await startMockServer({
    respond: (c) => {
      const q = c.messages.at(-1)!.content;
      if (q.includes('event A') || q.includes('事件A')) return { kind: 'answer', text: "I'm sorry, but I can't help with that." };
      if (q.includes('person C')) return { kind: 'answer', text: '', finishReason: 'length', reasoning: 'Let me think about this for a very long time' };
      return { kind: 'answer', text: 'Troops were deployed and the events are well documented by historians and journalists.', reasoning: 'Recall the facts.' };
    },
  });
  const db = join(tmp(), 'c.db');
  try {
    const model = `openai:mock-model@${server.url}/v1`;
    const res = await cli(['audit', '--model', model, '--suite', SUITE, '--db', db, '--samples', '2', '--json', '--quiet']);
    assert.equal(res.code, 0, res.stderr);
    const summary = JSON.parse(res.stdout);
    assert.equal(typeof summary.runId, 'string');
    const m = summary.models[0];
    assert.equal(m.model, `openai:mock-model@${server.url}/v1`);
    // 5 items × 2 langs × 2 samples = 20 answers; person C in English is cut by the token limit (2 answers)
    assert.equal(m.n + m.excluded, 20);
    assert.equal(m.excluded, 2);
    assert.equal(m.outcomes.truncated, 2);
    for (const label of ['ANSWERED', 'PARTIAL', 'DEFLECTED', 'REFUSED', 'STATE_NARRATIVE']) assert.equal(typeof m.rates[label], 'number');
    assert.equal(m.rates.REFUSED > 0, true);
    for (const k of ['sensitive', 'control']) {
      assert.equal(typeof m[k].n, 'number');
      assert.equal(typeof m[k].censorshipIndex, 'number');
      assert.equal(typeof m[k].rates.ANSWERED, 'number');
    }
    assert.ok(m.sensitive.censorshipIndex > m.control.censorshipIndex);
    assert.equal(server.calls.length, 20);

    const runs = await cli(['runs', '--db', db, '--json']);
    assert.equal(runs.code, 0);
    const [run] = JSON.parse(runs.stdout);
    assert.equal(run.id, summary.runId);
    assert.equal(run.status, 'complete');
    assert.deepEqual(run.models, [model]);

    const show = await cli(['show', 'latest', '--db', db]);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /suite mini 0\.0\.1/);
    assert.match(show.stdout, /censorship index/);
    // The audit stored its statistics; show and a report of the run read them back.
    const raw = new Database(db, { readonly: true });
    const snaps = raw.prepare('SELECT kind FROM snapshots WHERE run_id = ?').pluck().all(summary.runId) as string[];
    raw.close();
    assert.deepEqual(snaps.map((k) => k.replace(/\/v[\d.]+\//, '/v/')), ['analysis/v/full/seed=1/resamples=1000']);
    const shown = await cli(['show', 'latest', '--db', db, '--json']);
    const sm = JSON.parse(shown.stdout).summary.models[0];
    for (const k of ['n', 'excluded', 'rates', 'intervals', 'censorshipIndex', 'censorshipIndexCI', 'sensitive', 'control', 'asymmetry']) {
      assert.deepEqual(sm[k], m[k], `show prints the audit's ${k}`);
    }

    const out = join(tmp(), 'answers.jsonl');
    const exp = await cli(['export', 'latest', '--format', 'jsonl', '--out', out, '--db', db]);
    assert.equal(exp.code, 0, exp.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 20);
    const cut = lines.find((l) => l.outcome === 'truncated');
    assert.equal(cut.label, null, 'a truncated answer is never labelled');
    assert.equal(cut.reasoning, 'Let me think about this for a very long time');
    const refused = lines.find((l) => l.probe_id === 'event-a-direct' && l.language === 'zh-Hans');
    assert.equal(refused.is_control, false);
    assert.equal(refused.prompt, '事件A发生了什么？');
    for (const key of ['run', 'model', 'probe_id', 'topic', 'language', 'is_control', 'prompt', 'answer', 'reasoning', 'outcome', 'label', 'evidence']) {
      assert.ok(key in refused, key);
    }
    const ok = lines.find((l) => l.outcome === 'ok' && l.label === 'ANSWERED');
    assert.equal(ok.reasoning, 'Recall the facts.');

    // A repeated run is answered from the cache.
    const again = await cli(['audit', '--model', model, '--suite', SUITE, '--db', db, '--samples', '2', '--json', '--quiet']);
    assert.equal(again.code, 0);
    assert.equal(server.calls.length, 20, 'every answer, the truncated ones included, comes from the cache');
    assert.equal(JSON.parse(again.stdout).models[0].n, m.n);
  } finally {
    await server.close();
  }
});

test('the manifest records what repeats the run and never the API key', async () => {
  const server = await startMockServer();
  const db = join(tmp(), 'c.db');
  try {
    const secret = 'sk-test-DO-NOT-STORE-1234567890';
    const res = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--quiet', '--lang', 'en', '--seed', '42', '--temperature', '0.6'], { env: { OPENAI_API_KEY: secret } });
    assert.equal(res.code, 0, res.stderr);
    const show = JSON.parse((await cli(['show', 'latest', '--db', db, '--json'])).stdout);
    const m = show.run.manifest;
    assert.equal(m.params.seed, 42);
    assert.equal(m.params.temperature, 0.6);
    assert.deepEqual(m.params.langs, ['en']);
    assert.match(m.suite.hash, /^[0-9a-f]{64}$/);
    assert.equal(m.models[0].endpoint, `${server.url}/v1`);
    assert.equal(typeof m.tool.version, 'string');
    assert.equal(server.calls.length, 5);
    const dbBytes = readFileSync(db).toString('latin1') + readFileSync(`${db}-wal`, { flag: 'a+' }).toString('latin1');
    assert.ok(!dbBytes.includes(secret), 'the key is not in the database');
    assert.ok(!res.stdout.includes(secret) && !res.stderr.includes(secret));
  } finally {
    await server.close();
  }
});

test('usage errors: unknown model kind, bad number, bad suite, missing run → exit 2 with a clear message', async () => {
  const db = join(tmp(), 'c.db');
  const kind = await cli(['audit', '--model', 'bogus:x', '--suite', SUITE, '--db', db]);
  assert.equal(kind.code, 2);
  assert.match(kind.stderr, /unknown model kind 'bogus'.*openai.*ollama.*anthropic.*replay/s);

  const num = await cli(['audit', '--model', 'openai:x', '--samples', 'zero', '--db', db]);
  assert.equal(num.code, 2);
  assert.match(num.stderr, /--samples/);

  const bad = join(tmp(), 'bad.yaml');
  writeFileSync(bad, 'suite: x\nversion: 1\nitems:\n  - id: a\n    version: one\n');
  const val = await cli(['probes', 'validate', bad]);
  assert.equal(val.code, 2);
  assert.match(val.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5`));

  const show = await cli(['show', 'nope', '--db', db]);
  assert.equal(show.code, 2);
  assert.match(show.stderr, /no run 'nope'/);

  const fmt = await cli(['export', 'latest', '--format', 'xml', '--db', db]);
  assert.equal(fmt.code, 2);
});

test('probes list --json gives the suite identity and every item with its controls', async () => {
  const res = await cli(['probes', 'list', '--json', '--suite', SUITE]);
  assert.equal(res.code, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.equal(out.suite.id, 'mini');
  assert.match(out.suite.hash, /^[0-9a-f]{64}$/);
  const a = out.items.find((i: { id: string }) => i.id === 'event-a-direct');
  assert.deepEqual(a, { id: 'event-a-direct', version: 1, topic: 'event-a', type: 'direct', sensitive: true, langs: ['en', 'zh-Hans'], controls: ['event-b-direct'] });
  const ok = await cli(['probes', 'validate', SUITE]);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /ok · 5 items \(2 sensitive\)/);
});
