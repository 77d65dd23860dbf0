import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startMockServer } from '../support/mock-llm-server.js';
import { cli } from '../support/cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');

test('rejudge: new verdicts for ok answers, old ones kept, no call to the audited model; suite facts used, then a bare probe when the suite changed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-rejudge-'));
  const suite = join(dir, 'suite.yaml');
  copyFileSync(FIXTURE, suite);
  const db = join(dir, 'c.db');
  const model = await startMockServer({
    respond: (c) => {
      const q = c.messages.at(-1)!.content;
      if (q.includes('person C')) return { kind: 'answer', text: '', finishReason: 'length' };
      if (q.includes('event A')) return { kind: 'answer', text: "I'm sorry, but I can't help with that." };
      return { kind: 'answer', text: 'Troops were deployed and the events are well documented by historians and journalists.' };
    },
  });
  const judge = await startMockServer({ respond: () => ({ kind: 'answer', text: '{"label":"PARTIAL","evidence":["Troops were deployed"]}' }) });
  try {
    const audit = await cli(['audit', '--model', `openai:qwen-mock@${model.url}/v1`, '--suite', suite, '--db', db, '--quiet', '--json']);
    assert.equal(audit.code, 0, audit.stderr);
    const asked = model.calls.length;
    const raw = new Database(db, { readonly: true });
    const count = (sql: string): number => (raw.prepare(sql).pluck().get() as number);
    const okAnswers = count("SELECT count(*) FROM responses WHERE outcome = 'ok'");
    assert.equal(count('SELECT count(*) FROM verdicts'), okAnswers);

    // Own family: a Qwen judge may not judge a Qwen model unless forced.
    const own = await cli(['rejudge', 'latest', '--db', db, '--judge', `llm:openai:qwen-judge@${judge.url}/v1`]);
    assert.equal(own.code, 2);
    assert.match(own.stderr, /same family \(qwen\)/);

    const re = await cli(['rejudge', 'latest', '--db', db, '--judge', `llm:openai:judge-model@${judge.url}/v1`]);
    assert.equal(re.code, 0, re.stderr);
    assert.equal(model.calls.length, asked, 'the audited model is never called');
    assert.equal(judge.calls.length, okAnswers);
    assert.equal(count('SELECT count(*) FROM verdicts'), 2 * okAnswers, 'older verdicts are kept');
    assert.match(re.stderr, new RegExp(`${okAnswers} verdicts, 0 judge errors`));
    const current = raw.prepare(`SELECT v.judge, v.label, v.scores FROM verdicts v
      WHERE v.id IN (SELECT max(id) FROM verdicts GROUP BY response_id)`).all() as { judge: string; label: string; scores: string }[];
    assert.equal(current.length, okAnswers);
    assert.ok(current.every((v) => v.label === 'PARTIAL' && v.judge.startsWith('llm:openai:judge-model@')));
    assert.ok(current.every((v) => /^[0-9a-f]{64}$/.test(JSON.parse(v.scores).promptHash)));

    const exp = await cli(['export', 'latest', '--db', db]);
    const lines = exp.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.filter((l) => l.outcome === 'ok').every((l) => l.label === 'PARTIAL'));
    assert.ok(lines.filter((l) => l.outcome === 'truncated').every((l) => l.label === null), 'truncated answers are never judged');

    // Rules again, with the suite's facts: event A's probe lists one, so coverage is a number.
    const rules = await cli(['rejudge', 'latest', '--db', db]);
    assert.equal(rules.code, 0, rules.stderr);
    assert.doesNotMatch(rules.stderr, /warning/);
    const coverage = (): unknown[] => (raw.prepare(`SELECT v.scores FROM verdicts v JOIN responses r ON r.id = v.response_id
      WHERE r.probe_id = 'event-a-direct' AND v.id IN (SELECT max(id) FROM verdicts GROUP BY response_id)`).pluck().all() as string[])
      .map((s) => JSON.parse(s).factCoverage);
    assert.ok(coverage().every((c) => typeof c === 'number'));

    // The suite changes: warn, judge with bare probes (no facts).
    appendFileSync(suite, '\n# edited\n  - id: extra-item\n    version: 1\n    topic: x\n    type: neutral\n    sensitive: false\n    controls: []\n    prompts:\n      en: { text: "Extra?", translation: original }\n');
    const bare = await cli(['rejudge', 'latest', '--db', db]);
    assert.equal(bare.code, 0, bare.stderr);
    assert.match(bare.stderr, /warning: .*(changed since the run|cannot load)/);
    assert.ok(coverage().every((c) => c === null));
    assert.equal(count('SELECT count(*) FROM verdicts'), 4 * okAnswers);
    raw.close();
  } finally {
    await model.close();
    await judge.close();
  }
});

test('rejudge: an unknown run is a usage error', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'candor-rejudge-')), 'c.db');
  const res = await cli(['rejudge', 'nope', '--db', db]);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /nope/);
});
