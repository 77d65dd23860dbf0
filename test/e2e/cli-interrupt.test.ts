import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '../support/mock-llm-server.js';
import { cli } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SUITE = join(ROOT, 'test', 'fixtures', 'mini-suite.yaml');

test('Ctrl-C (SIGINT) saves what finished and exits 4; --resume completes the run without asking anything twice', async () => {
  const server = await startMockServer({ respond: () => ({ kind: 'answer', text: 'A plain factual answer with enough words to count.', delayMs: 15 }) });
  const db = join(mkdtempSync(join(tmpdir(), 'candor-int-')), 'c.db');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'audit', '--model', `openai:m@${server.url}/v1`,
      '--suite', SUITE, '--db', db, '--samples', '20', '--concurrency', '2'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupt once some answers are in.
    while (server.calls.length < 20) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 4, stderr);
    assert.match(stderr, /candor audit --resume \S+/);
    const asked = server.calls.length;
    assert.ok(asked < 200, `asked ${asked}`);

    const runs = JSON.parse((await cli(['runs', '--db', db, '--json'])).stdout);
    assert.equal(runs[0].status, 'interrupted');
    assert.equal(runs[0].answers, asked, 'every request sent before the stop has its answer saved');

    const resumed = await cli(['audit', '--resume', 'latest', '--db', db, '--json', '--quiet']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(server.calls.length, 200, 'nothing asked twice');
    const summary = JSON.parse(resumed.stdout);
    assert.equal(summary.models[0].n + summary.models[0].excluded, 200);
    const after = JSON.parse((await cli(['runs', '--db', db, '--json'])).stdout);
    assert.equal(after[0].status, 'complete');
    assert.equal(after[0].answers, 200);

    const again = await cli(['audit', '--resume', 'latest', '--db', db]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already complete/);
  } finally {
    await server.close();
  }
});
