/**
 * End-to-end throughput and memory of `candor audit` (the built CLI, as users run it) against a
 * local instant-answer server in its own process, with storage, caching and judging on.
 *   npm run bench -- [--requests 10000] [--concurrency 16]
 * Prints requests/s, CPU per request, and resident memory sampled every 10 ms (Linux /proc).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { defaultSuitePath, loadSuite } from '../src/probes/index.js';
import { rssOverTime, traceProcess } from './proc-sample.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const requests = arg('requests', 10_000);
const concurrency = arg('concurrency', 16);
const root = join(import.meta.dirname, '..');

const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve-mock.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
const [url] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
try {
  const probes = (await loadSuite(defaultSuitePath())).probes.length;
  const samples = Math.ceil(requests / probes);
  const total = samples * probes;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'candor.js'), 'audit', '--model', `openai:bench@${url}/v1`,
    '--db', join(dir, 'bench.db'), '--samples', String(samples), '--concurrency', String(concurrency), '--max-tokens', '512', '--json'],
  { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const tracer = traceProcess(child.pid!);
  const [code] = (await once(child, 'exit')) as [number];
  const { trace, last } = tracer.stop();
  const secs = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`candor exited ${code}`);
  const m = JSON.parse(stdout).models[0];
  console.log(`requests            ${total} (${probes} probes × ${samples} draws), concurrency ${concurrency}`);
  console.log(`judged / excluded   ${m.n} / ${m.excluded}`);
  console.log(`wall time           ${secs.toFixed(2)} s (process start to exit)`);
  console.log(`throughput          ${(total / secs).toFixed(0)} requests/s end to end`);
  console.log(`overhead            ${((last.cpu / total) * 1e6).toFixed(0)} µs CPU per request in candor (HTTP client, judge, SQLite, scheduling; ≥ this, sampled every 10 ms)`);
  console.log(`peak RSS            ${(last.hwm / 1024).toFixed(1)} MiB`);
  console.log(`RSS over the run    ${rssOverTime(trace, secs * 1000)} (by elapsed time)`);
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
