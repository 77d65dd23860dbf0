import type { GenerateResult, Usage } from '../core/types.js';
import type { ProviderError } from '../core/errors.js';
import { normaliseFinishReason } from './finish.js';
import { statusError } from './http-errors.js';
import { getNumber, getObject, getString, isObject, parseJsonObject, protocolError } from './json.js';
import type { JsonObject } from './json.js';
import { readSse } from './sse.js';
import { buildAnswer } from './think.js';

/** HTTP status Anthropic uses for each error `type`, to classify errors sent inside a stream. */
const ERROR_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** A ProviderError for an `{type:'error', error:{type, message}}` payload. */
export function anthropicPayloadError(payload: JsonObject): ProviderError {
  const type = getString(getObject(payload, 'error'), 'type') ?? 'api_error';
  return statusError(ERROR_STATUS[type] ?? 500, {}, JSON.stringify(payload));
}

function readUsage(obj: JsonObject | undefined, into: Usage = {}): Usage {
  const input = getNumber(obj, 'input_tokens');
  const output = getNumber(obj, 'output_tokens');
  if (input !== undefined) into.promptTokens = input;
  if (output !== undefined) into.completionTokens = output;
  return into;
}

/** Anthropic's `refusal` stop reason means the model's safety layer stopped it. */
function finishOf(stop: string | undefined): string {
  return stop === 'refusal' ? 'content_filter' : normaliseFinishReason(stop);
}

function result(text: string, thinking: string | undefined, stop: string | undefined, usage: Usage, model?: string): GenerateResult {
  const answer = buildAnswer(text, thinking);
  const out: GenerateResult = { text: answer.text, finishReason: finishOf(stop) };
  if (answer.reasoning !== undefined) out.reasoning = answer.reasoning;
  if (Object.keys(usage).length > 0) out.usage = usage;
  if (model !== undefined) out.servedModel = model;
  return out;
}

/** Read a non-streamed Messages API answer. */
export function parseAnthropicMessage(body: JsonObject): GenerateResult {
  if (getString(body, 'type') === 'error') throw anthropicPayloadError(body);
  const content = body['content'];
  if (!Array.isArray(content)) throw protocolError('response has no content array');
  const texts: string[] = [];
  const thoughts: string[] = [];
  let sawThinking = false;
  for (const block of content) {
    if (!isObject(block)) continue;
    const type = getString(block, 'type');
    if (type === 'text') texts.push(getString(block, 'text') ?? '');
    else if (type === 'thinking') {
      sawThinking = true;
      thoughts.push(getString(block, 'thinking') ?? '');
    }
  }
  const stop = getString(body, 'stop_reason');
  return result(texts.join(''), sawThinking ? thoughts.join('\n\n') : undefined, stop, readUsage(getObject(body, 'usage')), getString(body, 'model'));
}

/** Accumulate a streamed Messages API answer (message_start … message_stop). */
export async function parseAnthropicStream(body: AsyncIterable<Uint8Array | string>): Promise<GenerateResult> {
  const texts: string[] = [];
  const thoughts: string[] = [];
  let sawThinking = false;
  let sawStart = false;
  let stop: string | undefined;
  let model: string | undefined;
  const usage: Usage = {};
  for await (const ev of readSse(body)) {
    const data = parseJsonObject(ev.data, 'stream event');
    const type = getString(data, 'type') ?? ev.event;
    if (type === 'error') throw anthropicPayloadError(data);
    if (type === 'message_start') {
      sawStart = true;
      const message = getObject(data, 'message');
      model = getString(message, 'model');
      readUsage(getObject(message, 'usage'), usage);
    } else if (type === 'content_block_start') {
      const block = getObject(data, 'content_block');
      const kind = getString(block, 'type');
      if (kind === 'thinking') {
        sawThinking = true;
        thoughts.push(getString(block, 'thinking') ?? '');
      } else if (kind === 'text') texts.push(getString(block, 'text') ?? '');
    } else if (type === 'content_block_delta') {
      const delta = getObject(data, 'delta');
      const kind = getString(delta, 'type');
      if (kind === 'text_delta') texts.push(getString(delta, 'text') ?? '');
      else if (kind === 'thinking_delta') {
        sawThinking = true;
        thoughts.push(getString(delta, 'thinking') ?? '');
      }
    } else if (type === 'message_delta') {
      stop = getString(getObject(data, 'delta'), 'stop_reason') ?? stop;
      readUsage(getObject(data, 'usage'), usage);
    }
  }
  if (!sawStart) throw protocolError('stream ended without message_start');
  return result(texts.join(''), sawThinking ? thoughts.join('') : undefined, stop, usage, model);
}
