/**
 * Soak test: a long audit (default 20,000 requests, SSE streaming) against a server that injects
 * faults into 20% of requests (HTTP 5xx and 429, resets, hangs past the timeout, streams cut mid-answer, malformed JSON,
 * wrong content types, empty choices, enormous answers, slow drips, content filters).
 *   npm run soak -- [--requests 20000] [--fault-rate 0.2] [--concurrency 64]
 * Checks that every request ends answered or with a recorded excluded outcome, that no fault is
 * ever labelled, that retries stay bounded, and prints memory over the run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite.js';
import { loadSuite } from '../src/probes/index.js';
import { BENIGN_FAULTS, FAULT_KINDS, startFaultServer, type FaultKind } from '../test/support/fault-server.js';
import { rssOverTime, traceProcess } from './proc-sample.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const requests = arg('requests', 20_000);
const faultRate = arg('fault-rate', 0.2);
const concurrency = arg('concurrency', 64);
const retries = 4;
const root = join(import.meta.dirname, '..');
const suitePath = join(root, 'test', 'fixtures', 'mini-suite.yaml');

const server = await startFaultServer({ faultRate, salt: 'soak', kinds: FAULT_KINDS });
const dir = mkdtempSync(join(tmpdir(), 'candor-soak-'));
const db = join(dir, 'soak.db');
try {
  const probes = (await loadSuite(suitePath)).probes.length;
  const samples = Math.ceil(requests / probes);
  const total = samples * probes;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'candor.js'), 'audit', '--model', `openai:soak@${server.url}/v1`, '--stream',
    '--suite', suitePath, '--db', db, '--samples', String(samples), '--concurrency', String(concurrency),
    '--retries', String(retries), '--timeout', '5', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const tracer = traceProcess(child.pid!);
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  const { trace, last } = tracer.stop();
  const secs = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`candor exited ${code}`);

  const store = openSqliteStore(db);
  const outcomes = new Map<string, number>();
  let stored = 0;
  let mislabelled = 0;
  let lostAnswers = 0;
  let lateAnswers = 0;
  let survived = 0;
  const faultedLast = new Map<FaultKind, number>();
  const run = (await store.getRun('latest'))!;
  for await (const a of store.answers(run.id)) {
    stored++;
    outcomes.set(a.outcome, (outcomes.get(a.outcome) ?? 0) + 1);
    const log = server.draws.get(a.seed);
    if (!log) continue;
    if (log.attempts > 1 && a.outcome === 'ok') survived++;
    const faulted = log.last !== 'answer' && !BENIGN_FAULTS.includes(log.last);
    if (faulted) faultedLast.set(log.last as FaultKind, (faultedLast.get(log.last as FaultKind) ?? 0) + 1);
    // A label needs a usable answer from the server for this draw; a fault must never get one.
    if (a.label !== null && log.usable === 0) mislabelled++;
    if (!faulted && a.outcome !== 'ok') {
      // The server's last answer was clean but candor gave up: a real loss, unless candor's own
      // timeout fired first (the answer came too late; under load the server answers slowly).
      if (/timeout/i.test(a.error ?? '')) lateAnswers++;
      else lostAnswers++;
    }
  }
  await store.close();
  const maxAttempts = Math.max(...[...server.draws.values()].map((d) => d.attempts));
  const injected = [...server.injected.values()].reduce((a, b) => a + b, 0);
  const summary = JSON.parse(stdout).models[0];
  console.log(`requests planned    ${total} (${probes} probes × ${samples} draws), concurrency ${concurrency}, streaming`);
  console.log(`requests sent       ${[...server.draws.values()].reduce((a, d) => a + d.attempts, 0)}`);
  console.log(`faults injected     ${injected} (${[...server.injected].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`answers stored      ${stored} of ${total}${stored === total ? ' (every request ends recorded)' : ' — MISSING ANSWERS'}`);
  console.log(`outcomes            ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`survived by retry   ${survived} answers needed more than one attempt and ended ok`);
  console.log(`excluded by fault   ${[...faultedLast].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  console.log(`mislabelled faults  ${mislabelled} (an answer labelled although the server never sent a usable one for it)`);
  console.log(`clean answers lost  ${lostAnswers} (server's last answer clean, candor recorded no ok answer, not by its timeout)`);
  console.log(`too late            ${lateAnswers} (server's last answer clean but after candor's --timeout; counted as error, never labelled)`);
  console.log(`retries bounded     max ${maxAttempts} attempts per request (limit ${retries + 1})`);
  console.log(`summary             judged ${summary.n}, excluded ${summary.excluded}, coverage ${(summary.coverage * 100).toFixed(1)}%`);
  console.log(`wall time           ${secs.toFixed(1)} s, ${(total / secs).toFixed(0)} requests/s`);
  console.log(`peak RSS            ${(last.hwm / 1024).toFixed(1)} MiB; over the run ${rssOverTime(trace, secs * 1000)}`);
  if (stored !== total || mislabelled > 0 || lostAnswers > 0 || maxAttempts > retries + 1) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
