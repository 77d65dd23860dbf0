import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { createHttpClient } from './http.js';
import type { HttpResponse } from './http.js';
import { httpChatProvider, readStreamOrJson } from './http-provider.js';
import { parseOllamaChat, parseOllamaStream } from './ollama-parse.js';
import type { ModelSpec, Provider, ProviderOptions } from './types.js';

export { listOllamaModels } from './ollama-tags.js';

export const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';

/**
 * `ollama:<model>[@<host>]` through Ollama's native `/api/chat` (thinking arrives in
 * `message.thinking`; older models inline `<think>` tags, split here too).
 *
 * @example
 * const p = await createOllamaProvider(parseModelSpec('ollama:qwen3:8b'), { stream: true });
 */
export async function createOllamaProvider(spec: ModelSpec, opts: ProviderOptions): Promise<Provider> {
  const endpoint = spec.endpoint ?? OLLAMA_DEFAULT_HOST;
  const http = createHttpClient(endpoint);
  const stream = opts.stream ?? false;
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.apiKey !== undefined && opts.apiKey !== '') headers['authorization'] = `Bearer ${opts.apiKey}`;
  const secret = opts.apiKey;

  function body(req: GenerateRequest): Record<string, unknown> {
    const options: Record<string, unknown> = { num_predict: req.maxTokens };
    if (req.temperature !== undefined) options['temperature'] = req.temperature;
    if (req.seed !== undefined) options['seed'] = req.seed;
    return { model: spec.model, messages: req.messages, stream, options, ...opts.extraBody };
  }

  const read = (res: HttpResponse): Promise<GenerateResult> =>
    readStreamOrJson(res, { stream, streamType: 'application/x-ndjson', parseStream: parseOllamaStream, parseJson: parseOllamaChat });

  return httpChatProvider({
    kind: 'ollama', model: spec.model, endpoint, http, path: '/api/chat', headers, secret, body, read,
    // /api/chat continues a final assistant message instead of opening a new turn.
    supportsPrefill: true,
  });
}
