import type { GenerateResult, Usage } from '../core/types.js';
import { ProviderError } from '../core/errors.js';
import { normaliseFinishReason } from './finish.js';
import { statusError } from './http-errors.js';
import { getNumber, getObject, getString, isObject, protocolError } from './json.js';
import type { JsonObject } from './json.js';
import { readSse } from './sse.js';
import { buildAnswer } from './think.js';

/** `reasoning_content` (DeepSeek, vLLM, llama.cpp) or `reasoning` (OpenRouter, Ollama). */
function reasoningField(obj: JsonObject | undefined): string | undefined {
  return getString(obj, 'reasoning_content') ?? getString(obj, 'reasoning');
}

function readUsage(obj: JsonObject | undefined): Usage | undefined {
  if (obj === undefined) return undefined;
  const usage: Usage = {};
  const prompt = getNumber(obj, 'prompt_tokens');
  const completion = getNumber(obj, 'completion_tokens');
  const reasoning = getNumber(getObject(obj, 'completion_tokens_details'), 'reasoning_tokens');
  if (prompt !== undefined) usage.promptTokens = prompt;
  if (completion !== undefined) usage.completionTokens = completion;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

function result(
  content: string,
  field: string | undefined,
  finish: string | null | undefined,
  top: { usage?: Usage; upstream?: string; servedModel?: string },
): GenerateResult {
  const answer = buildAnswer(content, field);
  const out: GenerateResult = { text: answer.text, finishReason: normaliseFinishReason(finish) };
  if (answer.reasoning !== undefined) out.reasoning = answer.reasoning;
  if (top.usage !== undefined) out.usage = top.usage;
  if (top.upstream !== undefined) out.upstream = top.upstream;
  if (top.servedModel !== undefined) out.servedModel = top.servedModel;
  return out;
}

/** An `{error: {...}}` payload inside a 200 answer or stream (OpenRouter, vLLM mid-stream errors). */
export function payloadError(error: unknown): ProviderError {
  const code = isObject(error) ? error['code'] : undefined;
  const status = typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
  const body = JSON.stringify({ error });
  if (status !== undefined) return statusError(status, {}, body);
  const message = isObject(error) ? (getString(error, 'message') ?? body) : String(error);
  return new ProviderError(`error from endpoint: ${message.slice(0, 500)}`, { kind: 'http', retryable: false });
}

/** True for an Azure-style 400 that means "the content filter blocked this prompt". */
export function isContentFilterBody(body: JsonObject): boolean {
  const err = getObject(body, 'error');
  if (err === undefined) return false;
  const inner = getObject(err, 'innererror');
  const marks = [getString(err, 'code'), getString(err, 'type'), getString(inner, 'code')];
  return marks.some((m) => m === 'content_filter' || m === 'ResponsibleAIPolicyViolation');
}

/** Read a non-streamed `chat.completion` object. */
export function parseChatCompletion(body: JsonObject): GenerateResult {
  if (body['error'] !== undefined && body['error'] !== null) throw payloadError(body['error']);
  const choices = body['choices'];
  if (!Array.isArray(choices)) throw protocolError('response has no choices array');
  if (choices.length === 0) throw protocolError('response has an empty choices array');
  const choice: unknown = choices[0];
  const message = isObject(choice) ? getObject(choice, 'message') : undefined;
  if (!isObject(choice) || message === undefined) throw protocolError('response choice has no message');
  const content = getString(message, 'content') ?? getString(message, 'refusal') ?? '';
  return result(content, reasoningField(message), getString(choice, 'finish_reason'), {
    usage: readUsage(getObject(body, 'usage')),
    upstream: getString(body, 'provider'),
    servedModel: getString(body, 'model'),
  });
}

/** Accumulate a streamed `chat.completion.chunk` SSE body into one result. */
export async function parseChatStream(body: AsyncIterable<Uint8Array | string>): Promise<GenerateResult> {
  const content: string[] = [];
  const reasoning: string[] = [];
  let sawReasoning = false;
  let sawChoice = false;
  let done = false;
  let finish: string | undefined;
  let usage: Usage | undefined;
  let upstream: string | undefined;
  let servedModel: string | undefined;

  for await (const ev of readSse(body)) {
    // Keep reading to the end after [DONE] so the socket goes back to the pool.
    if (done) continue;
    if (ev.data === '[DONE]') {
      done = true;
      continue;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(ev.data);
    } catch (e) {
      throw protocolError(`stream event is not valid JSON: ${ev.data.slice(0, 200)}`, e);
    }
    if (!isObject(chunk)) throw protocolError('stream event is not a JSON object');
    if (chunk['error'] !== undefined && chunk['error'] !== null) throw payloadError(chunk['error']);
    servedModel ??= getString(chunk, 'model');
    upstream ??= getString(chunk, 'provider');
    usage = readUsage(getObject(chunk, 'usage')) ?? usage;
    const choices = chunk['choices'];
    const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
    if (!isObject(choice)) continue;
    sawChoice = true;
    const delta = getObject(choice, 'delta');
    const text = getString(delta, 'content') ?? getString(delta, 'refusal');
    if (text !== undefined) content.push(text);
    const r = reasoningField(delta);
    if (r !== undefined) {
      sawReasoning = true;
      reasoning.push(r);
    }
    finish = getString(choice, 'finish_reason') ?? finish;
  }
  if (!sawChoice) throw protocolError('stream ended without any choices');
  return result(content.join(''), sawReasoning ? reasoning.join('') : undefined, finish, {
    usage,
    upstream,
    servedModel,
  });
}
