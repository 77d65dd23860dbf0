/**
 * Time and memory of `candor report` on a run of 100,000 synthetic answers (target: ≤ 5 s and
 * ≤ 300 MiB per format): each format as the run's first report (statistics computed), then md and
 * html again as later reports find it (statistics read from the store's snapshot). Fills a temp SQLite database through the store API, then runs the
 * built CLI (bin/candor.js) once per format in its own process and samples its peak RSS (VmHWM).
 *   npm run bench:report -- [--answers 100000]   (builds first)
 * Set CANDOR_BENCH_KEEP=1 to keep the database and print its path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BENCH_MODELS, BENCH_SAMPLES, seedBenchRun } from './seed-bench-run.js';

const i = process.argv.indexOf('--answers');
const total = i > 0 ? Number(process.argv[i + 1]) : 100_000;
const dir = mkdtempSync(join(tmpdir(), 'candor-bench-report-'));
const db = join(dir, 'bench.db');
try {
  await seedBenchRun(db, 'bench', total);
  console.log(`answers        ${total} (${BENCH_MODELS.length} models, 2 languages, ${BENCH_SAMPLES} draws), db ${(statSync(db).size / 2 ** 20).toFixed(1)} MiB`);
  // Each format first as the first report of a run (no stored analysis), then md and html once more
  // as a later report finds the run (the analysis stored by the first, still valid).
  const dropSnapshots = (): void => {
    const raw = new Database(db);
    raw.exec('DELETE FROM snapshots');
    raw.close();
  };
  for (const [format, fresh] of [['html', true], ['md', true], ['json', true], ['csv', true], ['junit', true], ['md', false], ['html', false]] as const) {
    if (fresh) dropSnapshots();
    const out = join(dir, `report.${format}`);
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'candor.js'),
      'report', 'bench', '--format', format, '--out', out, '--db', db], { stdio: ['ignore', 'ignore', 'inherit'] });
    let hwm = 0;
    const poll = setInterval(() => {
      try {
        hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
      } catch { /* exited */ }
    }, 5);
    const [code] = (await once(child, 'exit')) as [number];
    clearInterval(poll);
    if (code !== 0) throw new Error(`report --format ${format} exited ${code}`);
    const secs = (performance.now() - t0) / 1000;
    console.log(`${format.padEnd(6)} ${fresh ? 'first ' : 'later '} ${secs.toFixed(2)} s (process start to exit, built CLI)   peak RSS ${(hwm / 1024).toFixed(0)} MiB   output ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB`);
  }
} finally {
  if (process.env['CANDOR_BENCH_KEEP']) console.log(`kept ${db}`);
  else rmSync(dir, { recursive: true, force: true });
}
