import { ConfigError } from '../core/errors.js';
import { parseModelSpec } from './spec.js';
import type { Provider, ProviderFactory, ProviderOptions } from './types.js';

/**
 * Kind → lazy factory. A provider's module is imported only when a spec names its kind,
 * so llama.cpp (node-llama-cpp) loads only for `gguf:` and `hf:` models.
 */
const FACTORIES: Record<string, () => Promise<ProviderFactory>> = {
  openai: async () => (await import('./openai.js')).createOpenAIProvider,
  ollama: async () => (await import('./ollama.js')).createOllamaProvider,
  anthropic: async () => (await import('./anthropic.js')).createAnthropicProvider,
  replay: async () => (await import('./replay.js')).createReplayProvider,
  gguf: async () => (await import('./llamacpp.js')).createGgufProvider,
  hf: async () => (await import('./hf.js')).createHfProvider,
};

/** The model kinds `createProvider` accepts. */
export const PROVIDER_KINDS: readonly string[] = Object.freeze(Object.keys(FACTORIES));

/** Kinds reserved for future use; none at present (gguf and hf are implemented). */
export const RESERVED_KINDS: readonly string[] = Object.freeze([]);

/**
 * Build a provider from a `kind:model[@endpoint]` spec.
 *
 * @example
 * const p = await createProvider('ollama:qwen2.5:7b', { stream: true });
 * try { await p.generate({ messages, maxTokens: 512 }, { signal }); } finally { await p.close?.(); }
 */
export async function createProvider(specText: string, opts: ProviderOptions = {}): Promise<Provider> {
  const spec = parseModelSpec(specText);
  const load = FACTORIES[spec.kind];
  if (load === undefined) {
    if (RESERVED_KINDS.includes(spec.kind)) {
      throw new ConfigError(
        `model kind '${spec.kind}' is reserved and not yet available; valid kinds: ${PROVIDER_KINDS.join(', ')}`,
      );
    }
    throw new ConfigError(`unknown model kind '${spec.kind}'; valid kinds: ${PROVIDER_KINDS.join(', ')}`);
  }
  const factory = await load();
  return factory(spec, opts);
}

/**
 * The environment variable the CLI should read an API key from for this kind, if any.
 * Providers never read the environment themselves.
 */
export function defaultEnvKeyFor(kind: string): 'OPENAI_API_KEY' | 'ANTHROPIC_API_KEY' | 'HF_TOKEN' | undefined {
  if (kind === 'openai') return 'OPENAI_API_KEY';
  if (kind === 'anthropic') return 'ANTHROPIC_API_KEY';
  // Optional for hf: (gated or private repositories only).
  if (kind === 'hf') return 'HF_TOKEN';
  return undefined;
}
