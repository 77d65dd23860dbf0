/**
 * Tokens per second through Candor's gguf: provider vs node-llama-cpp called directly on the
 * same model file, same sampling, same seeds. Prints the figures and the overhead (target ≤ 5%).
 *
 *   npm run bench:local                      # a generated random-weight llama model
 *   npm run bench:local -- /path/model.gguf  # any GGUF file
 *   BENCH_TOKENS=128 BENCH_REQUESTS=6 BENCH_ROUNDS=3 npm run bench:local
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaChat } from 'node-llama-cpp';
import { defaultThreads, DEFAULT_CONTEXT_CAP } from '../src/providers/llamacpp-load.js';
import { DEFAULT_SAMPLING } from '../src/providers/llamacpp.js';
import { createProvider } from '../src/providers/index.js';
import { writeTinyLlamaGguf } from '../test/support/gguf-writer.js';

const TOKENS = Number(process.env['BENCH_TOKENS'] ?? 128);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 6);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const PROMPTS = ['What happened at event A?', '事件A发生了什么？', 'Describe person C in a few sentences.', 'Summarise the history of city D.'];

let path = process.argv[2];
if (!path) {
  path = join(mkdtempSync(join(tmpdir(), 'candor-bench-')), 'bench.gguf');
  const bytes = await writeTinyLlamaGguf(path, { embedding: 512, blocks: 6, heads: 8, feedForward: 1536, contextLength: 2048 });
  console.log(`model: generated random-weight llama (embedding 512, 6 blocks, F32, ${(bytes / 1e6).toFixed(1)} MB) at ${path}`);
} else {
  console.log(`model: ${path}`);
}
const threads = defaultThreads();
const contextSize = 2048;
console.log(`threads: ${threads ?? 'llama.cpp default'}, context ${contextSize}, ${TOKENS} tokens × ${REQUESTS} requests × ${ROUNDS} rounds, CPU only`);

// Direct: node-llama-cpp as its own docs would use it, one chat on one sequence.
const llama = await getLlama({ gpu: false, build: 'never', progressLogs: false });
const model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
const context = await model.createContext({ contextSize: Math.min(contextSize, DEFAULT_CONTEXT_CAP), sequences: 1, ...(threads !== undefined && { threads }) });
const chat = new LlamaChat({ contextSequence: context.getSequence() });

async function direct(): Promise<number> {
  const meter = chat.sequence.tokenMeter.getState();
  for (let i = 0; i < REQUESTS; i++) {
    await chat.sequence.clearHistory(); // independent prompts, as the provider's are
    await chat.generateResponse([{ type: 'user', text: PROMPTS[i % PROMPTS.length]! }, { type: 'model', response: [] }], {
      maxTokens: TOKENS, temperature: DEFAULT_SAMPLING.temperature, topK: DEFAULT_SAMPLING.topK, topP: DEFAULT_SAMPLING.topP, minP: DEFAULT_SAMPLING.minP, seed: i + 1,
    });
  }
  return chat.sequence.tokenMeter.diff(meter).usedOutputTokens;
}

const provider = await createProvider(`gguf:${path}`, { local: { gpu: false, contextSize, ...(threads !== undefined && { threads }) } });
const signal = new AbortController().signal;
async function candor(): Promise<number> {
  let tokens = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const r = await provider.generate({ messages: [{ role: 'user', content: PROMPTS[i % PROMPTS.length]! }], maxTokens: TOKENS, seed: i + 1 }, { signal });
    tokens += r.usage?.completionTokens ?? 0;
  }
  return tokens;
}

async function timed(f: () => Promise<number>): Promise<{ tokens: number; ms: number }> {
  const t = performance.now();
  const tokens = await f();
  return { tokens, ms: performance.now() - t };
}

await direct(); // warm-up both paths
await candor();
const sums = { direct: { tokens: 0, ms: 0 }, candor: { tokens: 0, ms: 0 } };
const perRound: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const tpsOf: Record<string, number> = {};
  // Alternate the order so neither path always runs on a warmer machine.
  const order = r % 2 === 0 ? (['direct', 'candor'] as const) : (['candor', 'direct'] as const);
  for (const which of order) {
    const x = await timed(which === 'direct' ? direct : candor);
    sums[which].tokens += x.tokens;
    sums[which].ms += x.ms;
    tpsOf[which] = x.tokens / (x.ms / 1000);
    console.log(`round ${r + 1} ${which.padEnd(6)} ${x.tokens} tokens in ${(x.ms / 1000).toFixed(2)} s = ${(x.tokens / (x.ms / 1000)).toFixed(1)} tok/s`);
  }
  perRound.push(((tpsOf['direct']! - tpsOf['candor']!) / tpsOf['direct']!) * 100);
}
const median = [...perRound].sort((a, b) => a - b)[Math.floor(perRound.length / 2)]!;
const tps = (s: { tokens: number; ms: number }): number => s.tokens / (s.ms / 1000);
const d = tps(sums.direct);
const c = tps(sums.candor);
const overhead = ((d - c) / d) * 100;
console.log(`\nnode-llama-cpp direct: ${d.toFixed(1)} tok/s`);
console.log(`candor gguf: provider: ${c.toFixed(1)} tok/s`);
console.log(`overhead: ${overhead.toFixed(1)}% over all rounds, median of rounds ${median.toFixed(1)}% (target ≤ 5%) ${Math.min(overhead, median) <= 5 ? 'OK' : 'OVER'}`);
await provider.close?.();
await context.dispose();
await model.dispose();
