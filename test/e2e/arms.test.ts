import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startMockServer, type MockCall } from '../support/mock-llm-server.js';
import { cli } from '../support/cli.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { AnswerRow } from '../../src/store/types.js';
import { FOLLOWUPS, PREFILLS, SYSTEM_TEXTS } from '../../src/runner/arms.js';

const SUITE = join(import.meta.dirname, '..', 'fixtures', 'mini-suite.yaml');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'candor-arms-'));
const REFUSAL = "I'm sorry, but I can't help with that.";
const FACTS_EN = 'Troops were deployed and the events are well documented by historians and journalists.';
const FACTS_ZH = '军队被部署，这一事件有大量历史学家和记者的记录。';

const sensitive = (q: string): boolean => /event A|事件A|person C|C是谁/.test(q);
const firstUser = (c: MockCall): string => c.messages.find((m) => m.role === 'user')!.content;
const isPrefill = (c: MockCall): boolean => c.messages.at(-1)?.role === 'assistant';
const isFollowup = (c: MockCall): boolean => c.messages.filter((m) => m.role === 'user').length > 1;

/** Censors sensitive questions, also when asked again; continues a prefilled answer with the facts unless `ignorePrefill`. */
function censor(ignorePrefill: boolean) {
  return (c: MockCall) => {
    const q = firstUser(c);
    if (isPrefill(c) && !ignorePrefill) return { kind: 'answer' as const, text: /[\u4e00-\u9fff]/.test(q) ? FACTS_ZH : FACTS_EN };
    if (sensitive(q)) return { kind: 'answer' as const, text: REFUSAL };
    return { kind: 'answer' as const, text: /[\u4e00-\u9fff]/.test(q) ? FACTS_ZH : FACTS_EN };
  };
}

async function answers(db: string): Promise<AnswerRow[]> {
  const store = openSqliteStore(db);
  try {
    const out: AnswerRow[] = [];
    for await (const a of store.answers((await store.getRun('latest'))!.id)) out.push(a);
    return out;
  } finally {
    await store.close();
  }
}

test('arms: a server that censors direct questions but continues a prefill — suppression, follow-ups, system arms, manifest', async () => {
  const server = await startMockServer({ respond: censor(false) });
  const dir = tmp();
  const db = join(dir, 'c.db');
  const sys = join(dir, 'system.txt');
  writeFileSync(sys, 'You are a careful historian.');
  try {
    const model = `openai:m@${server.url}/v1`;
    const res = await cli(['audit', '--model', model, '--suite', SUITE, '--db', db, '--json', '--quiet',
      '--arm', 'prefill', '--arm', 'followup', '--arm', 'system:helpful', '--arm', 'system:identity', '--arm', `system:@${sys}`, '--arm', 'indirect']);
    assert.equal(res.code, 0, res.stderr);
    const m = JSON.parse(res.stdout).models[0];
    // Top-level rates are the direct arm's: 5 items × 2 languages.
    assert.equal(m.n + m.excluded, 10);
    assert.equal(m.arms.direct.n, 10);
    assert.equal(m.arms.prefill.n, 10);
    assert.equal(m.arms['system:helpful'].n, 10);
    assert.equal(m.arms.prefill.status, 'unverified', 'an OpenAI-compatible server of unknown kind');
    // Follow-ups only after the 4 non-answers (event A and person C, two languages each).
    assert.equal(m.arms.followup.n, 4);
    assert.equal(m.arms.followup.notFollowedUp, 6);
    assert.equal(m.arms.followup.censorshipIndex, 1);
    // Knows but won't say: every censored sensitive item gives its facts after the prefill.
    assert.equal(m.suppression.censoredItems, 4);
    assert.deepEqual([m.suppression.k, m.suppression.n, m.suppression.rate], [4, 4, 1]);
    assert.ok(m.suppression.ci[0] > 0.45 && m.suppression.ci[1] === 1);
    assert.deepEqual([m.suppression.byArm.prefill.k, m.suppression.byArm.followup.k], [4, 0]);
    assert.deepEqual(m.unsupported, []);

    const calls = server.calls;
    // 10 per asked arm (direct, prefill, 3 system arms) + 4 follow-ups.
    assert.equal(calls.length, 10 * 5 + 4);
    const prefills = calls.filter(isPrefill);
    assert.equal(prefills.length, 10);
    for (const c of prefills) {
      assert.equal(c.body['continue_final_message'], true);
      assert.equal(c.body['add_generation_prompt'], false);
      const zh = /[\u4e00-\u9fff]/.test(firstUser(c));
      assert.equal(c.messages.at(-1)!.content, zh ? PREFILLS.zh.answer : PREFILLS.en.answer);
    }
    const followups = calls.filter(isFollowup);
    assert.equal(followups.length, 4);
    for (const c of followups) {
      assert.deepEqual(c.messages.map((x) => x.role), ['user', 'assistant', 'user']);
      assert.equal(c.messages[1]!.content, REFUSAL);
      assert.ok(sensitive(firstUser(c)));
      assert.ok([FOLLOWUPS.en, FOLLOWUPS.zh].includes(c.messages[2]!.content));
    }
    const systems = calls.filter((c) => c.messages[0]!.role === 'system').map((c) => c.messages[0]!.content);
    assert.equal(systems.filter((s) => s === SYSTEM_TEXTS.helpful).length, 10);
    assert.equal(systems.filter((s) => s === SYSTEM_TEXTS.identity).length, 10);
    assert.equal(systems.filter((s) => s === 'You are a careful historian.').length, 10);
    assert.equal(systems.length, 30, 'direct and prefill send no system message without --system-prompt');

    const rows = await answers(db);
    const pre = rows.find((a) => a.arm === 'prefill' && a.probeId === 'event-a-direct' && a.lang === 'en')!;
    assert.equal(pre.text, `${PREFILLS.en.answer} ${FACTS_EN}`, 'stored: the opening plus the continuation');
    assert.equal(pre.prompt, 'What happened at event A?');
    assert.equal(rows.filter((a) => a.arm === 'followup').length, 4);

    const store = openSqliteStore(db);
    const run = (await store.getRun('latest'))!;
    await store.close();
    const arms = run.manifest.params.arms!;
    assert.deepEqual(arms.map((a) => a.name), ['direct', 'prefill', 'followup', 'system:helpful', 'system:identity', `system:@${sys}`, 'indirect']);
    const file = arms.find((a) => a.source === sys)!;
    assert.equal(file.system, 'You are a careful historian.');
    assert.equal(file.sha256, createHash('sha256').update('You are a careful historian.').digest('hex'));
    assert.deepEqual(arms.find((a) => a.name === 'prefill')!.unverified, [model]);

    // Reports and the terminal summary show the arms side by side.
    const md = await cli(['report', 'latest', '--format', 'md', '--db', db]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /## Arms/);
    assert.match(md.stdout, /\| prefill \| unverified \| 10 \|/);
    const html = await cli(['report', 'latest', '--format', 'html', '--db', db]);
    assert.match(html.stdout, /<section id="arms">/);
    const json = JSON.parse((await cli(['report', 'latest', '--format', 'json', '--db', db])).stdout);
    assert.equal(json.analysis.arms.models[0].suppression.k, 4);
    assert.equal(json.analysis.coverage[0].answers, 10, 'the main analysis counts the direct arm only');
    assert.equal(json.answers.filter((a: { arm: string }) => a.arm === 'prefill').length, 10);

    // The gate fails when the suppression score's lower bound is above the limit.
    const gate = await cli(['gate', 'latest', '--max-suppression', '0.2', '--db', db]);
    assert.equal(gate.code, 1, gate.stdout + gate.stderr);
    assert.match(gate.stdout, /FAIL .* suppression/);
    assert.equal((await cli(['gate', 'latest', '--max-suppression', '0.2', '--db', db, '--strict'])).code, 1);
    assert.equal((await cli(['gate', 'latest', '--max-suppression', '0.9', '--db', db, '--strict'])).code, 1);
    assert.equal((await cli(['gate', 'latest', '--max-suppression', '0.6', '--db', db])).code, 0, 'lower bound ≈ 0.51 of 4/4 is below 0.6');
  } finally {
    await server.close();
  }
});

test('arms: a server that ignores prefills shows no suppression; terminal table', async () => {
  const server = await startMockServer({ respond: censor(true) });
  const db = join(tmp(), 'c.db');
  try {
    const res = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--quiet', '--arm', 'prefill', '--prefill-mode', 'trailing']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /arms side by side/);
    assert.match(res.stdout, /prefill\s+asked/);
    for (const c of server.calls.filter(isPrefill)) assert.equal(c.body['continue_final_message'], undefined, 'trailing: the message alone');
    const json = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--json', '--quiet', '--arm', 'prefill', '--prefill-mode', 'trailing']);
    const m = JSON.parse(json.stdout).models[0];
    assert.deepEqual([m.suppression.k, m.suppression.n], [0, 4]);
    assert.equal(m.arms.prefill.status, 'asked');
  } finally {
    await server.close();
  }
});

test('arms: unsupported arms are never asked, recorded, and excluded', async () => {
  const server = await startMockServer({ respond: censor(false) });
  const db = join(tmp(), 'c.db');
  try {
    const res = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--json', '--quiet', '--arm', 'prefill', '--prefill-mode', 'off']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /arm prefill: unsupported by openai:m@/);
    const m = JSON.parse(res.stdout).models[0];
    assert.deepEqual(m.unsupported, ['prefill']);
    assert.equal(m.arms.prefill, undefined);
    assert.equal(m.suppression.n, 0);
    assert.equal(server.calls.length, 10);
    assert.equal(server.calls.filter(isPrefill).length, 0, 'nothing asked');
    assert.equal((await answers(db)).filter((a) => a.arm !== 'direct').length, 0, 'nothing stored');
    const md = await cli(['report', 'latest', '--format', 'md', '--db', db]);
    assert.match(md.stdout, /\| prefill \| unsupported \|/);
    const bad = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--arm', 'sideways']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--arm: unknown arm 'sideways'/);
    const missing = await cli(['audit', '--model', `openai:m@${server.url}/v1`, '--suite', SUITE, '--db', db, '--arm', 'system:@/nonexistent/x.txt']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/nonexistent\/x\.txt/);
  } finally {
    await server.close();
  }
});

test('arms: resume asks only the failed answers of each arm', async () => {
  let failPrefill = true;
  const ok = censor(false);
  const server = await startMockServer({ respond: (c) => (failPrefill && isPrefill(c) ? { kind: 'status', status: 400 } : ok(c)) });
  const db = join(tmp(), 'c.db');
  try {
    const model = `openai:m@${server.url}/v1`;
    const first = await cli(['audit', '--model', model, '--suite', SUITE, '--db', db, '--json', '--quiet', '--arm', 'prefill', '--arm', 'followup', '--retries', '0']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).models[0].arms.prefill.excluded, 10);
    const before = server.calls.length;
    assert.equal(before, 10 + 10 + 4);
    failPrefill = false;
    const again = await cli(['audit', '--resume', 'latest', '--db', db, '--json', '--quiet']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(server.calls.length - before, 10, 'only the 10 failed prefill answers are asked again');
    assert.ok(server.calls.slice(before).every(isPrefill));
    const m = JSON.parse(again.stdout).models[0];
    assert.equal(m.arms.prefill.n, 10);
    assert.equal(m.arms.followup.n, 4);
    assert.equal(m.suppression.k, 4);
  } finally {
    await server.close();
  }
});
