import { request } from 'undici';
import { statusError, toProviderError } from './http-errors.js';
import { isObject, parseJsonObject, protocolError } from './json.js';
import { normaliseEndpoint } from './spec.js';

/**
 * The models an Ollama server has pulled (`GET /api/tags`), for the CLI's default model.
 * Rejects with a ProviderError (e.g. kind 'transport' when nothing listens on `host`).
 *
 * @example
 * const names = await listOllamaModels('http://127.0.0.1:11434', AbortSignal.timeout(2000));
 */
export async function listOllamaModels(host: string, signal: AbortSignal): Promise<string[]> {
  try {
    const res = await request(`${normaliseEndpoint(host)}/api/tags`, { method: 'GET', signal });
    const text = await res.body.text();
    if (res.statusCode < 200 || res.statusCode >= 300) throw statusError(res.statusCode, res.headers, text);
    const models = parseJsonObject(text, 'ollama /api/tags response')['models'];
    if (!Array.isArray(models)) throw protocolError('ollama /api/tags response has no models array');
    const names: string[] = [];
    for (const m of models) {
      const name = isObject(m) ? (m['name'] ?? m['model']) : undefined;
      if (typeof name === 'string') names.push(name);
    }
    return names;
  } catch (e) {
    throw toProviderError(e, { signal });
  }
}
