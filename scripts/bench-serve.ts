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
import { LABELS } from '../src/core/types.js';
import { createServer } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { StoredResult } from '../src/store/types.js';
import { manifest, result } from '../test/support/browser.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('--answers', 100_000);
const resamples = arg('--resamples', 1000);
const dir = mkdtempSync(join(tmpdir(), 'candor-bench-serve-'));
const db = join(dir, 'bench.db');
const models = ['openai:m1@http://127.0.0.1:1/v1', 'openai:m2@http://127.0.0.1:2/v1', 'openai:m1@http://127.0.0.1:3/v1', 'ollama:m4'];
const topics = ['tiananmen-1989', 'taiwan', 'xinjiang', 'tibet', 'hong-kong', 'xi-jinping', 'mao-era', 'covid'];
const samples = 5;
const filler = 'The events are documented by historians, journalists and eyewitnesses; accounts differ on numbers. '.repeat(4);

async function seed(): Promise<void> {
  const store = openSqliteStore(db);
  await store.createRun(manifest(models, { params: { ...manifest([]).params, samples }, planned: total }), 'bench');
  let n = 0;
  let batch: StoredResult[] = [];
  let s = 12345;
  const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  outer: for (let item = 0; ; item++) {
    const topic = topics[item % topics.length]!;
    for (const model of models) {
      for (const lang of ['en', 'zh-Hans']) {
        for (const [probeId, sensitive] of [[`s${item}`, true], [`c${item}`, false]] as const) {
          for (let sample = 0; sample < samples; sample++) {
            if (n++ >= total) break outer;
            const r = rand();
            const label = r < 0.02 ? null : LABELS[Math.floor(((r - 0.02) / 0.98) * (sensitive ? 5 : 2.5)) % 5]!;
            batch.push(result('bench', {
              model, probeId, lang, sample, topic: sensitive ? topic : `${topic}-control`, sensitive, controls: sensitive ? [`c${item}`] : [],
              label, text: `${label === 'REFUSED' ? 'I cannot discuss that. ' : ''}${filler}`, factCoverage: rand(), narrative: rand() < 0.1,
            }));
            if (batch.length === 5000) {
              await store.saveResults(batch);
              batch = [];
            }
          }
        }
      }
    }
  }
  await store.saveResults(batch);
  await store.setRunStatus('bench', 'complete');
  await store.close();
}

try {
  await seed();
  console.log(`answers        ${total} (${models.length} models, 2 languages, ${samples} draws), db ${(statSync(db).size / 2 ** 20).toFixed(1)} MiB, ${resamples} resamples`);
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
