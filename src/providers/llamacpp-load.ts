/**
 * Loading GGUF models into llama.cpp (through node-llama-cpp) with clear errors for a missing,
 * corrupt or unsupported file. Imported only when a `gguf:` or `hf:` spec is used.
 * @module
 */
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Llama, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { ConfigError } from '../core/errors.js';
import type { LocalModelOptions } from './types.js';

/** Default cap on the context window (tokens); the model's own training context if smaller. */
export const DEFAULT_CONTEXT_CAP = 8192;

const GGUF_MAGIC = Buffer.from('GGUF', 'ascii');

/** Threads to ask for: 1 on a machine with ≤ 2 cores (much faster there), else llama.cpp's default. */
export function defaultThreads(cores = availableParallelism()): number | undefined {
  return cores <= 2 ? 1 : undefined;
}

// One llama.cpp binding per GPU setting, shared by every model of the process (loading it is slow
// and it holds no per-model state). Models and contexts are owned and disposed by their provider.
const bindings = new Map<string, Promise<Llama>>();

/** The llama.cpp binding: prebuilt binaries only, never a download or a source build. */
export function loadLlama(o: LocalModelOptions): Promise<Llama> {
  const gpu = o.gpu ?? false;
  const key = String(gpu);
  let p = bindings.get(key);
  if (!p) {
    p = (async () => {
      const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
      try {
        return await getLlama({
          gpu, build: 'never', usePrebuiltBinaries: true, progressLogs: false, logLevel: LlamaLogLevel.warn,
          logger: (level, message) => {
            const text = message.trim();
            if (text === '') return;
            if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) o.onEvent?.({ type: 'log', level: 'error', message: text });
            else if (level === LlamaLogLevel.warn) o.onEvent?.({ type: 'log', level: 'warn', message: text });
          },
        });
      } catch (e) {
        bindings.delete(key);
        throw new ConfigError(
          `llama.cpp could not start (gpu: ${key}): ${messageOf(e)}. The prebuilt binary for ${process.platform}-${process.arch} ` +
            `comes from the optional package @node-llama-cpp/${process.platform}-${process.arch}; reinstall without --omit=optional ` +
            `or see docs/LOCAL-MODELS.md`,
          { cause: e },
        );
      }
    })();
    bindings.set(key, p);
  }
  return p;
}

/** Check that `path` is a readable GGUF file before handing it to llama.cpp. */
export async function checkGgufFile(path: string): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ConfigError(`${path}: not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: no such model file (${codeOf(e)}); give the path of a .gguf file`, { cause: e });
  }
  const head = Buffer.alloc(4);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (size < 24 || !head.equals(GGUF_MAGIC)) {
    throw new ConfigError(`${path}: not a GGUF file (it does not start with the 'GGUF' magic); convert the model to GGUF or pick a .gguf file`);
  }
}

/** The architecture named in the file's metadata, and whether this llama.cpp build knows it. */
async function readArchitecture(path: string): Promise<{ arch: string; known: boolean }> {
  const lib = await import('node-llama-cpp');
  const { readGgufFileInfo } = lib;
  // Declared as a const enum in the typings but exported as an object at run time.
  const archs = Object.values((lib as unknown as Record<string, Record<string, string>>)['GgufArchitectureType'] ?? {});
  let arch: string;
  try {
    const info = await readGgufFileInfo(path, { readTensorInfo: false });
    arch = String(info.metadata.general.architecture);
  } catch (e) {
    throw new ConfigError(`${path}: corrupt GGUF file, its metadata cannot be read (${messageOf(e)}); download or convert it again`, { cause: e });
  }
  return { arch, known: archs.length === 0 || archs.includes(arch) };
}

export interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  architecture: string;
}

/** Load a GGUF file and create a one-sequence context. Throws ConfigError naming the file. */
export async function loadGgufModel(path: string, o: LocalModelOptions): Promise<LoadedModel> {
  await checkGgufFile(path);
  const { arch, known } = await readArchitecture(path);
  if (!known) {
    throw new ConfigError(`${path}: unsupported model architecture '${arch}' (this llama.cpp build does not know it); use a newer node-llama-cpp or another model`);
  }
  const llama = await loadLlama(o);
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: path, gpuLayers: o.gpu === false || o.gpu === undefined ? 0 : 'auto' });
  } catch (e) {
    throw new ConfigError(`${path}: llama.cpp could not load this ${arch} model (${messageOf(e)}); the file may be truncated or corrupt`, { cause: e });
  }
  try {
    const contextSize = Math.min(o.contextSize ?? DEFAULT_CONTEXT_CAP, model.trainContextSize);
    const threads = o.threads ?? defaultThreads();
    const context = await model.createContext({ contextSize, sequences: 1, ...(threads !== undefined && { threads }) });
    return { model, context, architecture: arch };
  } catch (e) {
    await model.dispose();
    throw new ConfigError(`${path}: could not create a llama.cpp context (${messageOf(e)}); try a smaller context size`, { cause: e });
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : messageOf(e);
}
