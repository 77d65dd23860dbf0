import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { parseAnthropicMessage, parseAnthropicStream } from './anthropic-parse.js';
import { createHttpClient } from './http.js';
import type { HttpResponse } from './http.js';
import { httpChatProvider, readStreamOrJson } from './http-provider.js';
import type { ModelSpec, Provider, ProviderOptions } from './types.js';

export const ANTHROPIC_DEFAULT_BASE = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * `anthropic:<model>[@<baseURL>]` through the Messages API. System messages go to the
 * top-level `system`; thinking blocks become `reasoning`.
 *
 * @example
 * const p = await createAnthropicProvider(parseModelSpec('anthropic:claude-sonnet-4-5'), { apiKey });
 */
export async function createAnthropicProvider(spec: ModelSpec, opts: ProviderOptions): Promise<Provider> {
  const endpoint = spec.endpoint ?? ANTHROPIC_DEFAULT_BASE;
  const http = createHttpClient(endpoint);
  const stream = opts.stream ?? false;
  const headers: Record<string, string> = {
    'anthropic-version': ANTHROPIC_VERSION,
    accept: stream ? 'text/event-stream' : 'application/json',
    ...opts.headers,
  };
  if (opts.apiKey !== undefined && opts.apiKey !== '') headers['x-api-key'] = opts.apiKey;
  const secret = opts.apiKey;

  function body(req: GenerateRequest): Record<string, unknown> {
    const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content);
    const messages = req.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content }));
    const b: Record<string, unknown> = { model: spec.model, messages, max_tokens: req.maxTokens, stream };
    if (system.length > 0) b['system'] = system.join('\n\n');
    if (req.temperature !== undefined) b['temperature'] = req.temperature;
    return { ...b, ...opts.extraBody };
  }

  const read = (res: HttpResponse): Promise<GenerateResult> =>
    readStreamOrJson(res, { stream, streamType: 'text/event-stream', parseStream: parseAnthropicStream, parseJson: parseAnthropicMessage });

  return httpChatProvider({
    kind: 'anthropic', model: spec.model, endpoint, http, path: '/v1/messages', headers, secret, body, read,
    // A final assistant message is a prefill in the Messages API (not with extended thinking).
    supportsPrefill: true,
  });
}
