/**
 * Time of `candor serve` pages on a run of 100,000 synthetic answers (target: the run overview
 * under 1 s). Fills a temp SQLite database through the store API, starts the server on
 * 127.0.0.1:0 and times a first (cold) and a second (warm, cached analysis) request of the
 * overview, then a deep transcripts page, an item view and the progress endpoint.
 *   npm run bench:serve -- [--answers 100000] [--resamples 1000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite.js';
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
  const store = openSqliteStore(db);
  const app = createServer({ store, resamples });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const time = async (label: string, path: string): Promise<void> => {
    const t0 = performance.now();
    const res = await fetch(base + path);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    console.log(`${label.padEnd(28)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms   ${(body.length / 1024).toFixed(0)} KiB`);
  };
  try {
    await time('runs list', '/');
    await time('run overview (first)', '/runs/bench');
    await time('run overview (warm)', '/runs/bench');
    await time('transcripts page 1', '/runs/bench/answers');
    await time('transcripts page 1500', '/runs/bench/answers?page=1500');
    await time('transcripts label filter', '/runs/bench/answers?label=REFUSED&page=100');
    await time('item view', '/runs/bench/item?probe=s100');
    await time('progress (JSON)', '/api/runs/bench/progress');
    await time('compare 2 models (first)', '/compare?s=bench~0&s=bench~1');
    await time('compare 2 models (warm)', '/compare?s=bench~0&s=bench~1');
  } finally {
    await app.close();
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
