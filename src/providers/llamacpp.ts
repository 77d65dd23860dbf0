import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ChatHistoryItem, LlamaChat, LlamaChatResponse } from 'node-llama-cpp';
import type { ChatMessage, GenerateRequest, GenerateResult } from '../core/types.js';
import { ConfigError, ProviderError } from '../core/errors.js';
import { abortError } from './http-errors.js';
import { loadGgufModel } from './llamacpp-load.js';
import type { LoadedModel } from './llamacpp-load.js';
import { SerialQueue } from './llamacpp-queue.js';
import { buildAnswer } from './think.js';
import type { LocalModelOptions, ModelSpec, Provider, ProviderOptions } from './types.js';

/**
 * Sampling when the run sets no temperature: llama.cpp's own defaults. An explicit temperature
 * keeps the other three; temperature 0 is greedy.
 */
export const DEFAULT_SAMPLING = { temperature: 0.8, topK: 40, topP: 0.95, minP: 0.05 } as const;

/**
 * `gguf:<path>`: a GGUF file run in-process by llama.cpp (node-llama-cpp).
 *
 * @example
 * const p = await createGgufProvider(parseModelSpec('gguf:./models/qwen2.5-0.5b-instruct-q4_k_m.gguf'), {});
 */
export async function createGgufProvider(spec: ModelSpec, opts: ProviderOptions): Promise<Provider> {
  if (spec.endpoint !== undefined) throw new ConfigError(`${spec.raw}: gguf: takes a file path, not an @endpoint`);
  const path = resolve(spec.model.replace(/^~(?=$|\/)/, homedir()));
  return openLocalProvider({ kind: 'gguf', model: path, id: `gguf:${path}`, endpoint: path, path }, opts.local ?? {});
}

export interface LocalModelInfo {
  kind: string;
  model: string;
  id: string;
  /** Recorded in the manifest and the cache key: a file path, or the pinned download URL. */
  endpoint: string;
  /** The GGUF file on disk. */
  path: string;
}

/**
 * Load the model once and answer requests one at a time on a single sequence. Each request
 * starts from an empty context, so an answer depends only on its prompt, its seed and the model,
 * never on the order of the requests.
 */
export async function openLocalProvider(info: LocalModelInfo, o: LocalModelOptions): Promise<Provider> {
  const loaded = await loadGgufModel(info.path, o);
  const { LlamaChat } = await import('node-llama-cpp');
  const sequence = loaded.context.getSequence();
  const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: 'auto' });
  const queue = new SerialQueue();

  return {
    id: info.id,
    kind: info.kind,
    model: info.model,
    endpoint: info.endpoint,
    // One sequence per loaded model: requests to it queue here, whatever the runner's concurrency.
    concurrencyKey: () => `llamacpp:${info.path}`,
    maxConcurrency: 1,
    // A trailing assistant message becomes the model turn's start, which llama.cpp continues.
    supportsPrefill: true,
    async generate(req, { signal }) {
      return queue.run(signal, async () => {
        try {
          return await draw(chat, loaded, req, signal);
        } catch (e) {
          throw classify(e, signal, info.path);
        }
      });
    },
    classifyError: (e) => classify(e, undefined, info.path),
    async close() {
      chat.dispose({ disposeSequence: true });
      await loaded.context.dispose();
      await loaded.model.dispose();
    },
  };
}

async function draw(chat: LlamaChat, loaded: LoadedModel, req: GenerateRequest, signal: AbortSignal): Promise<GenerateResult> {
  const sequence = chat.sequence;
  await sequence.clearHistory();
  const history = toHistory(req.messages);
  const promptTokens = chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(loaded.model.tokenizer).length;
  const room = loaded.context.contextSize - promptTokens - 1;
  if (room <= 0) {
    throw new ProviderError(`the prompt has ${promptTokens} tokens, more than the ${loaded.context.contextSize}-token context; raise the context size`, { kind: 'protocol', retryable: false });
  }
  let reasoningTokens = 0;
  const meter = sequence.tokenMeter.getState();
  const res = await chat.generateResponse(history, {
    maxTokens: Math.min(req.maxTokens, room),
    temperature: req.temperature ?? DEFAULT_SAMPLING.temperature,
    topK: DEFAULT_SAMPLING.topK,
    topP: DEFAULT_SAMPLING.topP,
    minP: DEFAULT_SAMPLING.minP,
    seed: req.seed ?? 0,
    signal,
    budgets: { thoughtTokens: Infinity, commentTokens: Infinity },
    onResponseChunk: (c) => {
      if (c.type === 'segment' && c.segmentType === 'thought') reasoningTokens += c.tokens.length;
    },
  });
  // Sampled tokens, counted by llama.cpp: text chunks miss tokens that never form valid UTF-8.
  const completionTokens = sequence.tokenMeter.diff(meter).usedOutputTokens;
  const answer = answerFrom(res);
  return {
    ...answer,
    finishReason: finishReasonOf(res.metadata.stopReason),
    usage: { promptTokens, completionTokens, ...(reasoningTokens > 0 && { reasoningTokens }) },
  };
}

/**
 * The chat as node-llama-cpp wants it, ending with the model turn to fill: an empty one, or,
 * when the messages end with an assistant message (a prefill), that turn, which is continued.
 */
export function toHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'system' ? { type: 'system', text: m.content }
      : m.role === 'user' ? { type: 'user', text: m.content }
        : { type: 'model', response: [m.content] });
  if (messages.at(-1)?.role !== 'assistant') history.push({ type: 'model', response: [] });
  return history;
}

/**
 * The answer and its reasoning: thought segments the chat wrapper recognised, merged with any
 * inline `<think>` block left in the text (a template the wrapper does not know).
 */
export function answerFrom(res: Pick<LlamaChatResponse, 'response' | 'fullResponse'>): { text: string; reasoning?: string } {
  const thoughts = res.fullResponse.flatMap((p) => (typeof p !== 'string' && p.segmentType === 'thought' ? [p.text] : []));
  const segment = thoughts.length === 0 ? undefined : thoughts.map((t) => t.trim()).filter((t) => t !== '').join('\n\n');
  return buildAnswer(res.response, segment);
}

export function finishReasonOf(stop: LlamaChatResponse['metadata']['stopReason']): string {
  if (stop === 'maxTokens') return 'length';
  if (stop === 'abort') return 'aborted';
  return 'stop';
}

function classify(e: unknown, signal: AbortSignal | undefined, path: string): ProviderError {
  if (e instanceof ProviderError) return e;
  if (signal?.aborted) return abortError(signal.reason);
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return abortError(e);
  const message = e instanceof Error ? e.message : String(e);
  return new ProviderError(`llama.cpp (${path}): ${message}`, { kind: 'protocol', retryable: false, cause: e });
}
