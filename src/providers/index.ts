/**
 * Model providers: parse `kind:model[@endpoint]` specs and build providers lazily.
 * Provider modules (openai, ollama, anthropic, replay) load only when a spec names them.
 * @module
 */
export { createProvider, defaultEnvKeyFor, PROVIDER_KINDS, RESERVED_KINDS } from './registry.js';
export { formatModelSpec, parseModelSpec } from './spec.js';
export { listOllamaModels } from './ollama-tags.js';
export { parseRetryAfter, toProviderError } from './http-errors.js';
export { normaliseFinishReason } from './finish.js';
export { splitThink } from './think.js';
export type { ModelSpec, Provider, ProviderFactory, ProviderOptions } from './types.js';
