import { ConfigError } from '../core/errors.js';
import { listOllamaModels } from '../providers/index.js';
import type { LocalModelEvent, LocalModelOptions } from '../providers/types.js';
import type { CliIo } from './io.js';

const OLLAMA = 'http://127.0.0.1:11434';

/**
 * The embedded default: a small Chinese instruct model and a small Western one of similar size,
 * compared side by side when no --model is given and no local Ollama has a model (docs/LOCAL-MODELS.md).
 */
export const EMBEDDED_DEFAULT_MODELS = [
  'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M',
  'hf:HuggingFaceTB/SmolLM2-360M-Instruct-GGUF:Q8_0',
] as const;

export const NO_MODEL_HELP = `no model to audit: give one with --model, for example
  candor audit --model gguf:/path/to/model.gguf                 (a local GGUF file, run in-process)
  candor audit --model hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M (downloaded once from the Hugging Face Hub)
  candor audit --model ollama:qwen2.5:7b                       (a local Ollama)
  candor audit --model openai:my-model@http://127.0.0.1:8080/v1 (llama.cpp server, vLLM, LM Studio, SGLang, TGI)
  OPENAI_API_KEY=… candor audit --model openai:gpt-4o-mini
  ANTHROPIC_API_KEY=… candor audit --model anthropic:claude-sonnet-4-5
  candor audit --model replay:answers.jsonl                    (recorded answers, no model call)`;

/**
 * With no --model: the first model of a local Ollama; else the embedded default (two small GGUF
 * models, downloaded once); else — downloads switched off — a ConfigError saying what to do.
 */
export async function pickDefaultModel(o: { env?: NodeJS.ProcessEnv; ollama?: string } = {}): Promise<{ spec: string; specs: string[]; note: string }> {
  const ollama = o.ollama ?? OLLAMA;
  let models: string[] = [];
  let reachable = true;
  try {
    models = await listOllamaModels(ollama, AbortSignal.timeout(1500));
  } catch {
    reachable = false;
  }
  const first = [...models].sort()[0];
  if (first) {
    return {
      spec: `ollama:${first}@${ollama}`,
      specs: [`ollama:${first}@${ollama}`],
      note: `no --model given; auditing ${first} from the local Ollama (${models.length} model${models.length === 1 ? '' : 's'} there; pick another with --model ollama:<name>)`,
    };
  }
  const why = reachable ? `the local Ollama on ${ollama} has no models` : `no local Ollama answered on ${ollama}`;
  if (isTrue(o.env?.['CANDOR_NO_DEFAULT_DOWNLOAD'])) {
    throw new ConfigError(`${NO_MODEL_HELP}\n(${why}; the embedded default models are off: CANDOR_NO_DEFAULT_DOWNLOAD is set)`);
  }
  const specs = [...EMBEDDED_DEFAULT_MODELS];
  return {
    spec: specs[0]!,
    specs,
    note:
      `no --model given and ${why}: comparing the embedded default models ${specs.join(' and ')}, ` +
      `run in-process by llama.cpp (downloaded once, about 0.9 GB, into ${o.env?.['CANDOR_MODELS_DIR'] ?? '~/.cache/candor/models'}). ` +
      `Without network, use a local file: --model gguf:/path/to/model.gguf`,
  };
}

/**
 * Local-model settings from the environment, with download progress and llama.cpp errors on stderr.
 * CANDOR_MODELS_DIR, HF_ENDPOINT, HF_HUB_OFFLINE, CANDOR_LLAMA_CONTEXT, CANDOR_LLAMA_THREADS, CANDOR_LLAMA_GPU.
 */
export function localModelOptions(io: Pick<CliIo, 'env' | 'stderr'>): LocalModelOptions {
  const env = io.env;
  const o: LocalModelOptions = { onEvent: renderLocalEvents(io.stderr) };
  const dir = env['CANDOR_MODELS_DIR'];
  if (dir) o.cacheDir = dir;
  const hub = env['HF_ENDPOINT'];
  if (hub) {
    if (!/^https?:\/\/\S+$/i.test(hub)) throw new ConfigError(`HF_ENDPOINT: '${hub}' is not an http(s) URL`);
    o.hfEndpoint = hub;
  }
  if (isTrue(env['HF_HUB_OFFLINE'])) o.offline = true;
  const ctx = intEnv(env, 'CANDOR_LLAMA_CONTEXT', 16);
  if (ctx !== undefined) o.contextSize = ctx;
  const threads = intEnv(env, 'CANDOR_LLAMA_THREADS', 1);
  if (threads !== undefined) o.threads = threads;
  const gpu = env['CANDOR_LLAMA_GPU'];
  if (gpu) {
    const g = gpu.toLowerCase();
    if (['false', 'off', '0', 'none', 'cpu'].includes(g)) o.gpu = false;
    else if (g === 'auto' || g === 'cuda' || g === 'vulkan' || g === 'metal') o.gpu = g;
    else throw new ConfigError(`CANDOR_LLAMA_GPU: '${gpu}' is not one of false, auto, cuda, vulkan, metal`);
  }
  return o;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name}: '${v}' is not an integer ≥ ${min}`);
  return n;
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

const MB = 1024 * 1024;
const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;

/** Download progress as a redrawn bar on a terminal, a line every 10% otherwise. */
export function renderLocalEvents(out: { write(s: string): unknown; isTTY?: boolean }, intervalMs = 200): (e: LocalModelEvent) => void {
  const tty = Boolean(out.isTTY);
  let last = 0;
  let lastDecile = -1;
  return (e) => {
    switch (e.type) {
      case 'download-start':
        lastDecile = -1;
        out.write(`downloading ${e.file}${e.total !== undefined ? ` (${mb(e.total)})` : ''}${e.resumeFrom > 0 ? `, resuming at ${mb(e.resumeFrom)}` : ''}\n`);
        return;
      case 'download-progress': {
        const frac = e.total ? e.received / e.total : undefined;
        const text = frac === undefined ? mb(e.received) : `[${'#'.repeat(Math.round(frac * 24)).padEnd(24, '-')}] ${(frac * 100).toFixed(0)}% ${mb(e.received)}/${mb(e.total!)}`;
        if (tty) {
          const now = Date.now();
          if (now - last >= intervalMs || frac === 1) {
            last = now;
            out.write(`\r${text}\x1b[K`);
          }
        } else if (frac !== undefined && Math.floor(frac * 10) > lastDecile) {
          lastDecile = Math.floor(frac * 10);
          out.write(`${text}\n`);
        }
        return;
      }
      case 'download-retry':
        out.write(`${tty ? '\n' : ''}download of ${e.file} interrupted (${e.error}); continuing (attempt ${e.attempt + 1})\n`);
        return;
      case 'download-done':
        out.write(`${tty ? '\n' : ''}sha256 verified; saved ${e.path}\n`);
        return;
      case 'cache-hit':
        out.write(`using ${e.path}\n`);
        return;
      case 'log':
        if (e.level === 'error') out.write(`llama.cpp: ${e.message}\n`);
        return;
    }
  };
}
