import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { createHttpClient, readText, throwForStatus } from './http.js';
import type { HttpResponse } from './http.js';
import { toProviderError } from './http-errors.js';
import { parseJsonObject } from './json.js';
import { parseOllamaChat, parseOllamaStream } from './ollama-parse.js';
import { formatModelSpec } from './spec.js';
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

  async function read(res: HttpResponse): Promise<GenerateResult> {
    await throwForStatus(res);
    if (res.contentType === 'application/x-ndjson' || (stream && res.contentType !== 'application/json')) {
      return parseOllamaStream(res.body);
    }
    return parseOllamaChat(parseJsonObject(await readText(res), 'response'));
  }

  return {
    id: formatModelSpec({ kind: 'ollama', model: spec.model, endpoint }),
    kind: 'ollama',
    model: spec.model,
    endpoint,
    concurrencyKey: () => http.origin,
    // /api/chat continues a final assistant message instead of opening a new turn.
    supportsPrefill: true,
    async generate(req, { signal }) {
      try {
        return await read(await http.postJson('/api/chat', body(req), headers, signal));
      } catch (e) {
        throw toProviderError(e, { signal, secret });
      }
    },
    classifyError: (e) => toProviderError(e, { secret }),
    close: () => http.close(),
  };
}
