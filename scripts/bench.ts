/**
 * End-to-end throughput and memory of `candor audit` (the built CLI, as users run it) against a
 * local instant-answer server in its own process, with storage, caching and judging on.
 *   npm run bench -- [--requests 10000] [--concurrency 16]
 * Prints requests/s, CPU per request, and resident memory sampled every 10 ms (Linux /proc).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { defaultSuitePath, loadSuite } from '../src/probes/index.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const requests = arg('requests', 10_000);
const concurrency = arg('concurrency', 16);
const root = join(import.meta.dirname, '..');

/** VmRSS, VmHWM (KiB) and CPU seconds of a live process, or undefined once it is gone. */
function sample(pid: number): { rss: number; hwm: number; cpu: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { rss: kib('VmRSS'), hwm: kib('VmHWM'), cpu: (Number(stat[11]) + Number(stat[12])) / 100 };
  } catch {
    return undefined;
  }
}

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
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const trace: { t: number; rss: number }[] = [];
  let last = { rss: 0, hwm: 0, cpu: 0 };
  const poll = setInterval(() => {
    const s = sample(child.pid!);
    if (s && s.rss > 0) {
      last = s;
      trace.push({ t: performance.now() - t0, rss: s.rss });
    }
  }, 10);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(poll);
  const secs = (performance.now() - t0) / 1000;
  const rssAt = [0.25, 0.5, 0.75, 1].map((q) => {
    const point = trace.filter((p) => p.t <= q * secs * 1000).at(-1);
    return `${q * 100}%: ${point ? (point.rss / 1024).toFixed(1) : '?'} MiB`;
  });
  if (code !== 0) throw new Error(`candor exited ${code}`);
  const m = JSON.parse(stdout).models[0];
  console.log(`requests            ${total} (${probes} probes × ${samples} draws), concurrency ${concurrency}`);
  console.log(`judged / excluded   ${m.n} / ${m.excluded}`);
  console.log(`wall time           ${secs.toFixed(2)} s (process start to exit)`);
  console.log(`throughput          ${(total / secs).toFixed(0)} requests/s end to end`);
  console.log(`overhead            ${((last.cpu / total) * 1e6).toFixed(0)} µs CPU per request in candor (HTTP client, judge, SQLite, scheduling; ≥ this, sampled every 10 ms)`);
  console.log(`peak RSS            ${(last.hwm / 1024).toFixed(1)} MiB`);
  console.log(`RSS over the run    ${rssAt.join(', ')} (by elapsed time)`);
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
