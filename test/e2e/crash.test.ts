import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startFaultServer } from '../support/fault-server.js';
import { cli } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml');
const SAMPLES = 30; // 5 items × 2 languages × 30 draws = 300 answers

function integrity(db: string): { ok: string; rows: number; distinct: number } {
  const raw = new Database(db, { readonly: true });
  try {
    const ok = raw.pragma('integrity_check', { simple: true }) as string;
    const { rows, uniq } = raw.prepare(`SELECT count(*) AS rows,
      count(DISTINCT model || char(0) || probe_id || char(0) || lang || char(0) || sample) AS uniq FROM responses`).get() as { rows: number; uniq: number };
    const distinct = uniq;
    return { ok, rows, distinct };
  } finally {
    raw.close();
  }
}

test('SIGKILL at several points of a run: the database stays sound, --resume finishes it, and the numbers equal an uninterrupted run', async () => {
  const server = await startFaultServer({ faultRate: 0, delayMs: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'candor-crash-'));
  const model = `openai:det@${server.url}/v1`;
  const common = ['--db', join(dir, 'crash.db'), '--concurrency', '4', '--quiet'];
  try {
    const reference = await cli(['audit', '--model', model, '--suite', SUITE, '--db', join(dir, 'ref.db'), '--samples', String(SAMPLES), '--json', '--quiet']);
    assert.equal(reference.code, 0, reference.stderr);

    const sentBefore = (): number => [...server.draws.values()].reduce((a, d) => a + d.attempts, 0);
    // Kill points (requests sent in this crash run), chosen to land early, mid and late.
    const killAt = [23, 117, 211];
    const base = sentBefore();
    for (const [i, at] of killAt.entries()) {
      const args = i === 0
        ? ['audit', '--model', model, '--suite', SUITE, '--samples', String(SAMPLES), ...common]
        : ['audit', '--resume', 'latest', ...common];
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, stdio: 'ignore' });
      const exited = once(child, 'exit');
      while (sentBefore() - base < at && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      child.kill('SIGKILL');
      const [, signal] = (await exited) as [number | null, string | null];
      assert.equal(signal, 'SIGKILL', `kill ${i + 1} landed before the run finished`);
      const check = integrity(join(dir, 'crash.db'));
      assert.equal(check.ok, 'ok', 'the database opens cleanly');
      assert.equal(check.rows, check.distinct, 'no answer duplicated');
      assert.ok(check.rows < 300, `kill ${i + 1}: ${check.rows} answers stored so far`);
    }
    const finished = await cli(['audit', '--resume', 'latest', ...common.slice(0, 2), '--json', '--quiet']);
    assert.equal(finished.code, 0, finished.stderr);
    const check = integrity(join(dir, 'crash.db'));
    assert.deepEqual(check, { ok: 'ok', rows: 300, distinct: 300 });

    const a = JSON.parse(reference.stdout).models[0];
    const b = JSON.parse(finished.stdout).models[0];
    for (const k of ['n', 'excluded', 'rates', 'censorshipIndex', 'sensitive', 'control', 'asymmetry', 'outcomes']) {
      assert.deepEqual(b[k], a[k], k);
    }
  } finally {
    await server.close();
  }
});
