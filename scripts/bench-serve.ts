/**
 * Time of `candor serve` pages on a run of 100,000 synthetic answers (target: the run overview
 * under 1 s). Fills a temp SQLite database through the store API, starts `candor serve` (its own
 * process, no start-up warming) and times the overview's first request (statistics computed from
 * 100,000 answers) and a repeat, other pages, then a second server's first overview (statistics
 * read from the store, as after `candor audit` or any report of the run).
 *   npm run bench:serve -- [--answers 100000] [--resamples 1000]   (builds first; runs the built CLI)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BENCH_MODELS, BENCH_SAMPLES, seedBenchRun } from './seed-bench-run.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('--answers', 100_000);
const resamples = arg('--resamples', 1000);
const dir = mkdtempSync(join(tmpdir(), 'candor-bench-serve-'));
const db = join(dir, 'bench.db');

try {
  await seedBenchRun(db, 'bench', total);
  console.log(`answers        ${total} (${BENCH_MODELS.length} models, 2 languages, ${BENCH_SAMPLES} draws), db ${(statSync(db).size / 2 ** 20).toFixed(1)} MiB, ${resamples} resamples`);
  // A server process of its own, as `candor serve` runs: the first overview computes the run's
  // statistics (nothing stored yet); a second server, started later, finds them in the store.
  for (const [i, label] of ['first server: nothing stored yet', 'second server: statistics stored by the first'].entries()) {
    console.log(`-- ${label}`);
    const server = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'candor.js'), 'serve', '--db', db,
      '--port', '0', '--resamples', String(resamples), '--no-warm'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) resolve(m[0]);
      });
      server.on('exit', (code) => reject(new Error(`candor serve exited ${code}: ${out}`)));
    });
    const time = async (what: string, path: string): Promise<void> => {
      const t0 = performance.now();
      const res = await fetch(base + path);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      console.log(`${what.padEnd(28)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms   ${(body.length / 1024).toFixed(0)} KiB`);
    };
    try {
      await time('run overview (first)', '/runs/bench');
      await time('run overview (again)', '/runs/bench');
      if (i === 0) {
        await time('runs list', '/');
        await time('transcripts page 1', '/runs/bench/answers');
        await time('transcripts page 1500', '/runs/bench/answers?page=1500');
        await time('transcripts label filter', '/runs/bench/answers?label=REFUSED&page=100');
        await time('item view', '/runs/bench/item?probe=s100');
        await time('progress (JSON)', '/api/runs/bench/progress');
        await time('compare 2 models (first)', '/compare?s=bench~0&s=bench~1');
        await time('compare 2 models (again)', '/compare?s=bench~0&s=bench~1');
      }
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
