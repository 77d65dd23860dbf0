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

test('two audits writing to one database at once both complete, without corruption', async () => {
  const server = await startFaultServer({ faultRate: 0, delayMs: 1 });
  const db = join(mkdtempSync(join(tmpdir(), 'candor-2w-')), 'shared.db');
  try {
    const start = (model: string): Promise<[number | null]> => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'audit', '--model', `openai:${model}@${server.url}/v1`,
        '--suite', SUITE, '--db', db, '--samples', '40', '--concurrency', '8', '--quiet'], { cwd: ROOT, stdio: 'ignore' });
      return once(child, 'exit') as Promise<[number | null]>;
    };
    const [[a], [b]] = await Promise.all([start('writer-a'), start('writer-b')]);
    assert.equal(a, 0);
    assert.equal(b, 0);
    const raw = new Database(db, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    raw.close();
    const runs = JSON.parse((await cli(['runs', '--db', db, '--json'])).stdout) as { status: string; answers: number }[];
    assert.equal(runs.length, 2);
    for (const r of runs) {
      assert.equal(r.status, 'complete');
      assert.equal(r.answers, 400);
    }
  } finally {
    await server.close();
  }
});
