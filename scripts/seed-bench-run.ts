/** Fills a SQLite file with a synthetic run of `total` answers, for the report and dashboard benchmarks. */
import { LABELS } from '../src/core/types.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { StoredResult } from '../src/store/types.js';
import { manifest, result } from '../test/support/browser.js';

export const BENCH_MODELS = ['openai:m1@http://127.0.0.1:1/v1', 'openai:m2@http://127.0.0.1:2/v1', 'openai:m1@http://127.0.0.1:3/v1', 'ollama:m4'];
const TOPICS = ['tiananmen-1989', 'taiwan', 'xinjiang', 'tibet', 'hong-kong', 'xi-jinping', 'mao-era', 'covid'];
export const BENCH_SAMPLES = 5;
const FILLER = 'The events are documented by historians, journalists and eyewitnesses; accounts differ on numbers. '.repeat(4);

/** 4 models × 2 languages × sensitive/control pairs × 5 draws, labels drawn from a fixed LCG. */
export async function seedBenchRun(db: string, runId: string, total: number): Promise<void> {
  const store = openSqliteStore(db);
  await store.createRun(manifest(BENCH_MODELS, { params: { ...manifest([]).params, samples: BENCH_SAMPLES }, planned: total }), runId);
  let n = 0;
  let batch: StoredResult[] = [];
  let s = 12345;
  const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  outer: for (let item = 0; ; item++) {
    const topic = TOPICS[item % TOPICS.length]!;
    for (const model of BENCH_MODELS) {
      for (const lang of ['en', 'zh-Hans']) {
        for (const [probeId, sensitive] of [[`s${item}`, true], [`c${item}`, false]] as const) {
          for (let sample = 0; sample < BENCH_SAMPLES; sample++) {
            if (n++ >= total) break outer;
            const r = rand();
            const label = r < 0.02 ? null : LABELS[Math.floor(((r - 0.02) / 0.98) * (sensitive ? 5 : 2.5)) % 5]!;
            batch.push(result(runId, {
              model, probeId, lang, sample, topic: sensitive ? topic : `${topic}-control`, sensitive, controls: sensitive ? [`c${item}`] : [],
              label, text: `${label === 'REFUSED' ? 'I cannot discuss that. ' : ''}${FILLER}`, factCoverage: rand(), narrative: rand() < 0.1,
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
  await store.setRunStatus(runId, 'complete');
  await store.close();
}
