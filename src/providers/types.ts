import type { GenerateRequest, GenerateResult } from '../core/types.js';
import type { ProviderError } from '../core/errors.js';

/** Options every provider factory receives. Secrets arrive here, read by the CLI from the environment. */
export interface ProviderOptions {
  /** API key, if the kind needs one. Never stored or logged. */
  apiKey?: string;
  /**
   * @deprecated Not used: HTTP providers call undici's `request` through their own keep-alive
   * pool. Tests point providers at `test/support/mock-llm-server.ts` instead.
   */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers (e.g. OpenRouter's provider pinning is done through `extraBody`). */
  headers?: Record<string, string>;
  /**
   * Ask for a streamed answer (SSE for openai/anthropic, NDJSON for ollama). Default false.
   * The result is the same either way; streaming keeps slow reasoning models' connections alive.
   */
  stream?: boolean;
  /**
   * Fields merged shallowly into every request body, e.g. `{ provider: { order: ['deepinfra'] } }`
   * for OpenRouter or `{ think: true }` for Ollama. They change output, so they belong in the cache key.
   */
  extraBody?: Record<string, unknown>;
  /** Settings for in-process local models (`gguf:`, `hf:`); HTTP kinds ignore them. */
  local?: LocalModelOptions;
  /**
   * `openai:` only: how a trailing assistant message (a prefill) is continued. 'continue_final_message'
   * adds vLLM's `continue_final_message: true, add_generation_prompt: false`; 'trailing' sends the
   * message alone (llama.cpp server); 'off' declares prefill unsupported. Default: 'off' for
   * api.openai.com, otherwise 'auto' (both: the message and vLLM's fields), support unverified.
   */
  prefillMode?: PrefillMode;
}

export type PrefillMode = 'auto' | 'continue_final_message' | 'trailing' | 'off';

/** What a local-model provider reports while it prepares (download progress, llama.cpp messages). */
export type LocalModelEvent =
  | { type: 'download-start'; file: string; url: string; total: number | undefined; resumeFrom: number }
  | { type: 'download-progress'; file: string; received: number; total: number | undefined }
  | { type: 'download-retry'; file: string; attempt: number; error: string }
  | { type: 'download-done'; file: string; path: string; bytes: number }
  | { type: 'cache-hit'; file: string; path: string }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** In-process llama.cpp settings; every field has a default (docs/LOCAL-MODELS.md). */
export interface LocalModelOptions {
  /** Where `hf:` downloads go. Default `~/.cache/candor/models`. */
  cacheDir?: string;
  /** Hugging Face Hub base URL. Default `https://huggingface.co`. */
  hfEndpoint?: string;
  /** Use only files already downloaded; never contact the Hub. Default false. */
  offline?: boolean;
  /** Context window in tokens. Default: the model's training context, at most 8192. */
  contextSize?: number;
  /** CPU threads. Default 1 on machines with ≤ 2 cores, else llama.cpp's choice. */
  threads?: number;
  /** GPU backend: false (default, CPU only), 'auto', or a named backend. */
  gpu?: false | 'auto' | 'cuda' | 'vulkan' | 'metal';
  /** Download progress and llama.cpp warnings, for the CLI to render. */
  onEvent?: (e: LocalModelEvent) => void;
}

/**
 * A model endpoint. Providers do one request per call; the runner owns retries,
 * timeouts (through `signal`) and concurrency.
 */
export interface Provider {
  /** Canonical spec, e.g. `openai:gpt-4o@https://api.openai.com/v1`. */
  readonly id: string;
  readonly kind: string;
  readonly model: string;
  /** Base URL or file path; recorded in the manifest. */
  readonly endpoint: string;
  /** Requests sharing a key share one concurrency / rate limit. */
  concurrencyKey(): string;
  /**
   * Most requests this endpoint can serve at once (an in-process model runs one sequence);
   * the runner never exceeds it, whatever `--concurrency` says. Unset: no limit of its own.
   */
  readonly maxConcurrency?: number;
  /**
   * One request. Resolves with the answer (including content-filter, empty and
   * length-cut answers, which the runner classifies); rejects with a ProviderError.
   */
  generate(req: GenerateRequest, opts: { signal: AbortSignal }): Promise<GenerateResult>;
  /**
   * Whether the endpoint continues a trailing assistant message in `req.messages` (a prefill)
   * instead of starting a new turn. 'maybe': it depends on the server (an OpenAI-compatible one
   * of unknown kind). Unset: false.
   */
  readonly supportsPrefill?: boolean | 'maybe';
  /** Map any thrown value to a ProviderError (with `retryable`). */
  classifyError(e: unknown): ProviderError;
  /** Release sockets / models. */
  close?(): Promise<void>;
}

/** A parsed `kind:model[@endpoint]` spec. */
export interface ModelSpec {
  kind: string;
  model: string;
  endpoint?: string;
  /** The text as given. */
  raw: string;
}

export type ProviderFactory = (spec: ModelSpec, opts: ProviderOptions) => Promise<Provider>;
