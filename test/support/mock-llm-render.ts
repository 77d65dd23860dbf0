/**
 * Wire formats of the mock LLM server: one answer rendered as OpenAI, Ollama or Anthropic,
 * as JSON or as a stream (SSE / NDJSON). Streams are cut into word-sized pieces.
 */

export type Protocol = 'openai' | 'ollama' | 'anthropic';

export interface MockAnswer {
  model: string;
  /** Visible content, already holding any inline <think> block. */
  content: string;
  /** Reasoning sent in the protocol's own field, if any. */
  reasoningField?: string;
  /** Normalised: 'stop' | 'length' | 'content_filter' | raw. */
  finishReason: string;
  upstream?: string;
  promptTokens: number;
  index: number;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
}

export interface Rendered {
  contentType: string;
  /** For a stream, one string per write. */
  parts: string[];
}

export function countTokens(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

function pieces(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

const sse = (data: unknown, event?: string): string =>
  `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;

function openai(a: MockAnswer, stream: boolean): Rendered {
  const completion = countTokens(a.content) + countTokens(a.reasoningField ?? '');
  const usage = {
    prompt_tokens: a.promptTokens,
    completion_tokens: completion,
    total_tokens: a.promptTokens + completion,
    ...(a.reasoningField !== undefined && { completion_tokens_details: { reasoning_tokens: countTokens(a.reasoningField) } }),
  };
  const head = { id: `chatcmpl-mock-${a.index}`, created: 1700000000, model: a.model, ...(a.upstream !== undefined && { provider: a.upstream }) };
  if (!stream) {
    const message = { role: 'assistant', content: a.content, ...(a.reasoningField !== undefined && { reasoning_content: a.reasoningField }) };
    const body = { ...head, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: a.finishReason }], usage };
    return { contentType: 'application/json', parts: [JSON.stringify(body)] };
  }
  const chunk = (delta: object, finish: string | null = null): string =>
    sse({ ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });
  const parts = [chunk({ role: 'assistant', content: '' })];
  if (a.reasoningField !== undefined) {
    const rs = pieces(a.reasoningField);
    for (const p of rs.length > 0 ? rs : ['']) parts.push(chunk({ reasoning_content: p, content: null }));
  }
  for (const p of pieces(a.content)) parts.push(chunk({ content: p }));
  parts.push(chunk({}, a.finishReason));
  if (a.includeUsage) parts.push(sse({ ...head, object: 'chat.completion.chunk', choices: [], usage }));
  parts.push('data: [DONE]\n\n');
  return { contentType: 'text/event-stream', parts };
}

function ollama(a: MockAnswer, stream: boolean): Rendered {
  const head = { model: a.model, created_at: '2024-01-01T00:00:00Z' };
  const tail = { done: true, done_reason: a.finishReason, prompt_eval_count: a.promptTokens, eval_count: countTokens(a.content) };
  if (!stream) {
    const message = { role: 'assistant', content: a.content, ...(a.reasoningField !== undefined && { thinking: a.reasoningField }) };
    return { contentType: 'application/json', parts: [JSON.stringify({ ...head, message, ...tail })] };
  }
  const line = (message: object, done = false): string => `${JSON.stringify({ ...head, message: { role: 'assistant', ...message }, done })}\n`;
  const parts: string[] = [];
  if (a.reasoningField !== undefined) {
    const rs = pieces(a.reasoningField);
    for (const p of rs.length > 0 ? rs : ['']) parts.push(line({ content: '', thinking: p }));
  }
  for (const p of pieces(a.content)) parts.push(line({ content: p }));
  parts.push(`${JSON.stringify({ ...head, message: { role: 'assistant', content: '' }, ...tail })}\n`);
  return { contentType: 'application/x-ndjson', parts };
}

const ANTHROPIC_STOP: Record<string, string> = { stop: 'end_turn', length: 'max_tokens', content_filter: 'refusal' };

function anthropic(a: MockAnswer, stream: boolean): Rendered {
  const stop = ANTHROPIC_STOP[a.finishReason] ?? a.finishReason;
  const output = countTokens(a.content) + countTokens(a.reasoningField ?? '');
  const message = { id: `msg_mock_${a.index}`, type: 'message', role: 'assistant', model: a.model };
  if (!stream) {
    const content = [
      ...(a.reasoningField !== undefined ? [{ type: 'thinking', thinking: a.reasoningField, signature: 'mock' }] : []),
      { type: 'text', text: a.content },
    ];
    const body = { ...message, content, stop_reason: stop, stop_sequence: null, usage: { input_tokens: a.promptTokens, output_tokens: output } };
    return { contentType: 'application/json', parts: [JSON.stringify(body)] };
  }
  const ev = (type: string, data: object): string => sse({ type, ...data }, type);
  const parts = [ev('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: a.promptTokens, output_tokens: 1 } } })];
  let index = 0;
  if (a.reasoningField !== undefined) {
    parts.push(ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '' } }));
    for (const p of pieces(a.reasoningField)) parts.push(ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: p } }));
    parts.push(ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: 'mock' } }));
    parts.push(ev('content_block_stop', { index }));
    index++;
  }
  parts.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
  parts.push(': keep-alive comment\n\n', ev('ping', {}));
  for (const p of pieces(a.content)) parts.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text: p } }));
  parts.push(ev('content_block_stop', { index }));
  parts.push(ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: output } }));
  parts.push(ev('message_stop', {}));
  return { contentType: 'text/event-stream', parts };
}

export function renderAnswer(protocol: Protocol, answer: MockAnswer, stream: boolean): Rendered {
  if (protocol === 'openai') return openai(answer, stream);
  if (protocol === 'ollama') return ollama(answer, stream);
  return anthropic(answer, stream);
}

/** The protocol's usual error body for a status. */
export function errorBody(protocol: Protocol, status: number): string {
  const message = `mock error ${status}`;
  if (protocol === 'ollama') return JSON.stringify({ error: message });
  if (protocol === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status === 401 ? 'authentication_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    return JSON.stringify({ type: 'error', error: { type, message } });
  }
  return JSON.stringify({ error: { message, type: 'mock_error', code: status } });
}
