import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { createHttpClient, readText } from './http.js';
import type { HttpResponse } from './http.js';
import { statusError } from './http-errors.js';
import { httpChatProvider, readStreamOrJson } from './http-provider.js';
import { parseJsonObject } from './json.js';
import { isContentFilterBody, parseChatCompletion, parseChatStream } from './openai-parse.js';
import type { ModelSpec, Provider, ProviderOptions } from './types.js';

export const OPENAI_DEFAULT_BASE = 'https://api.openai.com/v1';

/**
 * `openai:<model>[@<baseURL>]`: any OpenAI-compatible `/chat/completions` endpoint
 * (OpenAI, vLLM, llama.cpp server, LM Studio, SGLang, TGI, DeepSeek, Together, OpenRouter, Fireworks).
 *
 * @example
 * const p = await createOpenAIProvider(parseModelSpec('openai:deepseek/deepseek-r1@https://openrouter.ai/api/v1'), { apiKey });
 */
export async function createOpenAIProvider(spec: ModelSpec, opts: ProviderOptions): Promise<Provider> {
  const endpoint = spec.endpoint ?? OPENAI_DEFAULT_BASE;
  const http = createHttpClient(endpoint);
  const stream = opts.stream ?? false;
  const headers: Record<string, string> = { accept: stream ? 'text/event-stream' : 'application/json', ...opts.headers };
  if (opts.apiKey !== undefined && opts.apiKey !== '') headers['authorization'] = `Bearer ${opts.apiKey}`;
  const secret = opts.apiKey;
  // OpenAI's own API rejects `max_tokens` for reasoning models; compatible servers expect it.
  const isOpenAI = new URL(endpoint).hostname === 'api.openai.com';
  const maxTokensField = isOpenAI ? 'max_completion_tokens' : 'max_tokens';
  // OpenAI's own API answers a trailing assistant message afresh: no prefill there.
  const prefillMode = opts.prefillMode ?? (isOpenAI ? 'off' : 'auto');

  function body(req: GenerateRequest): Record<string, unknown> {
    const b: Record<string, unknown> = { model: spec.model, messages: req.messages, [maxTokensField]: req.maxTokens, stream };
    if (req.temperature !== undefined) b['temperature'] = req.temperature;
    if (req.seed !== undefined) b['seed'] = req.seed;
    if (stream) b['stream_options'] = { include_usage: true };
    // A prefill: vLLM (and SGLang) continue the final assistant message only when told to.
    if (req.messages.at(-1)?.role === 'assistant' && (prefillMode === 'auto' || prefillMode === 'continue_final_message')) {
      b['continue_final_message'] = true;
      b['add_generation_prompt'] = false;
    }
    return { ...b, ...opts.extraBody };
  }

  async function read(res: HttpResponse): Promise<GenerateResult> {
    if (res.status === 400) {
      // Azure-style "the content filter blocked the prompt" is an answer, not a failure.
      const text = await readText(res);
      let filtered = false;
      try {
        filtered = isContentFilterBody(parseJsonObject(text, 'error body'));
      } catch {
        filtered = false;
      }
      if (filtered) return { text: '', finishReason: 'content_filter' };
      throw statusError(res.status, res.headers, text);
    }
    return readStreamOrJson(res, { stream, streamType: 'text/event-stream', parseStream: parseChatStream, parseJson: parseChatCompletion });
  }

  return httpChatProvider({
    kind: 'openai', model: spec.model, endpoint, http, path: '/chat/completions', headers, secret, body, read,
    supportsPrefill: prefillMode === 'off' ? false : prefillMode === 'auto' ? 'maybe' : true,
  });
}
