/**
 * Time and memory of `candor report` on a run of 100,000 synthetic answers (target: ≤ 5 s and
 * ≤ 300 MiB per format). Fills a temp SQLite database through the store API, then runs the
 * built CLI (bin/candor.js) once per format in its own process and samples its peak RSS (VmHWM).
 *   npm run bench:report -- [--answers 100000]   (builds first)
 * Set CANDOR_BENCH_KEEP=1 to keep the database and print its path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABELS } from '../src/core/types.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { StoredResult } from '../src/store/types.js';
import { manifest, result } from '../test/support/browser.js';

const i = process.argv.indexOf('--answers');
const total = i > 0 ? Number(process.argv[i + 1]) : 100_000;
const dir = mkdtempSync(join(tmpdir(), 'candor-bench-report-'));
const db = join(dir, 'bench.db');
const models = ['openai:m1@http://127.0.0.1:1/v1', 'openai:m2@http://127.0.0.1:2/v1', 'openai:m1@http://127.0.0.1:3/v1', 'ollama:m4'];
const topics = ['tiananmen-1989', 'taiwan', 'xinjiang', 'tibet', 'hong-kong', 'xi-jinping', 'mao-era', 'covid'];
const samples = 5;
const filler = 'The events are documented by historians, journalists and eyewitnesses; accounts differ on numbers. '.repeat(4);

try {
  const store = openSqliteStore(db);
  await store.createRun(manifest(models, { params: { ...manifest([]).params, samples } }), 'bench');
  let n = 0;
  let batch: StoredResult[] = [];
  let seed = 12345;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
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
  await store.close();
  console.log(`answers        ${total} (${models.length} models, 2 languages, ${samples} draws), db ${(statSync(db).size / 2 ** 20).toFixed(1)} MiB`);
  for (const format of ['html', 'md', 'json', 'csv', 'junit']) {
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
    console.log(`${format.padEnd(6)} ${secs.toFixed(2)} s (process start to exit, built CLI)   peak RSS ${(hwm / 1024).toFixed(0)} MiB   output ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB`);
  }
} finally {
  if (process.env['CANDOR_BENCH_KEEP']) console.log(`kept ${db}`);
  else rmSync(dir, { recursive: true, force: true });
}
