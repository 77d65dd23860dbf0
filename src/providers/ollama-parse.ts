import type { GenerateResult, Usage } from '../core/types.js';
import { ProviderError } from '../core/errors.js';
import { normaliseFinishReason } from './finish.js';
import { getNumber, getObject, getString, protocolError } from './json.js';
import type { JsonObject } from './json.js';
import { readNdjson } from './ndjson.js';
import { buildAnswer } from './think.js';

function readUsage(obj: JsonObject): Usage | undefined {
  const prompt = getNumber(obj, 'prompt_eval_count');
  const completion = getNumber(obj, 'eval_count');
  if (prompt === undefined && completion === undefined) return undefined;
  const usage: Usage = {};
  if (prompt !== undefined) usage.promptTokens = prompt;
  if (completion !== undefined) usage.completionTokens = completion;
  return usage;
}

function streamError(obj: JsonObject): ProviderError | undefined {
  const error = getString(obj, 'error');
  if (error === undefined) return undefined;
  return new ProviderError(`error from ollama: ${error.slice(0, 500)}`, { kind: 'http', retryable: false });
}

function result(content: string, thinking: string | undefined, last: JsonObject): GenerateResult {
  const answer = buildAnswer(content, thinking);
  const out: GenerateResult = { text: answer.text, finishReason: normaliseFinishReason(getString(last, 'done_reason')) };
  if (answer.reasoning !== undefined) out.reasoning = answer.reasoning;
  const usage = readUsage(last);
  if (usage !== undefined) out.usage = usage;
  const model = getString(last, 'model');
  if (model !== undefined) out.servedModel = model;
  return out;
}

/** Read a non-streamed `/api/chat` answer. */
export function parseOllamaChat(body: JsonObject): GenerateResult {
  const err = streamError(body);
  if (err !== undefined) throw err;
  const message = getObject(body, 'message');
  if (message === undefined) throw protocolError('ollama response has no message');
  return result(getString(message, 'content') ?? '', getString(message, 'thinking'), body);
}

/** Accumulate a streamed (NDJSON) `/api/chat` answer. */
export async function parseOllamaStream(body: AsyncIterable<Uint8Array | string>): Promise<GenerateResult> {
  const content: string[] = [];
  const thinking: string[] = [];
  let sawThinking = false;
  let last: JsonObject | undefined;
  for await (const line of readNdjson(body)) {
    const err = streamError(line);
    if (err !== undefined) throw err;
    const message = getObject(line, 'message');
    const text = getString(message, 'content');
    if (text !== undefined) content.push(text);
    const t = getString(message, 'thinking');
    if (t !== undefined) {
      sawThinking = true;
      thinking.push(t);
    }
    if (line['done'] === true) last = line;
  }
  if (last === undefined) throw protocolError('ollama stream ended without a done message');
  return result(content.join(''), sawThinking ? thinking.join('') : undefined, last);
}
