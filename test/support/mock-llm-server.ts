/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI, Ollama and Anthropic chat protocols,
 * for tests and benchmarks. Point providers at it as `openai:m@${url}/v1`, `ollama:m@${url}`
 * or `anthropic:m@${url}`; `respond` decides what each call gets.
 *
 * @example
 * const server = await startMockServer({ respond: (c) => c.index === 0 ? { kind: 'status', status: 429 } : { kind: 'answer', text: 'ok' } });
 * try { ... } finally { await server.close(); }
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countTokens, errorBody, renderAnswer } from './mock-llm-render.js';
import type { Protocol } from './mock-llm-render.js';

export type Behaviour =
  | {
      kind: 'answer'; text: string; reasoning?: string; reasoningStyle?: 'field' | 'think-tag'; finishReason?: string; delayMs?: number; upstream?: string;
      /** Streaming: destroy the socket after this many parts (a stream cut mid-answer). */
      cutAfterParts?: number;
      /** Streaming: wait this long between parts (a slow drip). */
      dripMs?: number;
    }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' } // destroy the socket without answering
  | { kind: 'hang' }; // never answer

export interface MockCall {
  protocol: 'openai' | 'ollama' | 'anthropic';
  model: string;
  messages: { role: string; content: string }[];
  stream: boolean;
  seed?: number;
  temperature?: number;
  maxTokens?: number;
  /** 0-based global call count. */
  index: number;
  /** The request body as sent (for fields such as vLLM's `continue_final_message`). */
  body: Record<string, unknown>;
}

export interface MockServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  calls: MockCall[];
  close(): Promise<void>;
}

export interface MockServerOptions {
  respond?: (call: MockCall) => Behaviour;
  /** Default true; false for benchmarks. */
  recordCalls?: boolean;
  /** What `GET /api/tags` lists; default ['mock:latest']. */
  models?: string[];
}

const ROUTES: Record<string, Protocol> = {
  'POST /v1/chat/completions': 'openai',
  'POST /api/chat': 'ollama',
  'POST /v1/messages': 'anthropic',
};

/** `Answer: <last user message>`. */
export function defaultRespond(call: MockCall): Behaviour {
  const last = [...call.messages].reverse().find((m) => m.role === 'user');
  return { kind: 'answer', text: `Answer: ${last?.content ?? ''}` };
}

type Json = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: unknown) => (typeof p === 'object' && p !== null && typeof (p as Json)['text'] === 'string' ? (p as Json)['text'] : '')).join('');
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function toCall(protocol: Protocol, body: Json, index: number): MockCall {
  const raw = Array.isArray(body['messages']) ? (body['messages'] as Json[]) : [];
  const messages = raw.map((m) => ({ role: String(m['role']), content: textOf(m['content']) }));
  const options = (typeof body['options'] === 'object' && body['options'] !== null ? body['options'] : {}) as Json;
  const system = textOf(body['system']);
  if (protocol === 'anthropic' && system !== '') messages.unshift({ role: 'system', content: system });
  const call: MockCall = {
    protocol,
    model: String(body['model'] ?? ''),
    messages,
    // Ollama streams unless told not to.
    stream: protocol === 'ollama' ? body['stream'] !== false : body['stream'] === true,
    index,
    body,
  };
  const src = protocol === 'ollama' ? options : body;
  const seed = num(src['seed']);
  const temperature = num(src['temperature']);
  const maxTokens = num(protocol === 'ollama' ? options['num_predict'] : (body['max_tokens'] ?? body['max_completion_tokens']));
  if (seed !== undefined) call.seed = seed;
  if (temperature !== undefined) call.temperature = temperature;
  if (maxTokens !== undefined) call.maxTokens = maxTokens;
  return call;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const respond = opts.respond ?? defaultRespond;
  const record = opts.recordCalls ?? true;
  const models = opts.models ?? ['mock:latest'];
  const calls: MockCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let count = 0;

  function answer(res: ServerResponse, protocol: Protocol, call: MockCall, body: Json, b: Extract<Behaviour, { kind: 'answer' }>): void {
    const tag = b.reasoningStyle === 'think-tag' && b.reasoning !== undefined;
    const streamOptions = body['stream_options'] as Json | undefined;
    const rendered = renderAnswer(
      protocol,
      {
        model: call.model,
        content: tag ? `<think>\n${b.reasoning}\n</think>\n\n${b.text}` : b.text,
        ...(!tag && b.reasoning !== undefined && { reasoningField: b.reasoning }),
        finishReason: b.finishReason ?? 'stop',
        ...(b.upstream !== undefined && { upstream: b.upstream }),
        promptTokens: call.messages.reduce((n, m) => n + countTokens(m.content), 0),
        index: call.index,
        includeUsage: streamOptions?.['include_usage'] === true,
      },
      call.stream,
    );
    res.writeHead(200, { 'content-type': rendered.contentType });
    if (rendered.parts.length === 1) {
      if (b.cutAfterParts === undefined) res.end(rendered.parts[0]);
      else {
        // A JSON body cut halfway.
        res.write(rendered.parts[0]!.slice(0, Math.floor(rendered.parts[0]!.length / 2)));
        res.socket?.destroy();
      }
      return;
    }
    const parts = b.cutAfterParts !== undefined ? rendered.parts.slice(0, b.cutAfterParts) : rendered.parts;
    const finish = (): void => {
      if (b.cutAfterParts !== undefined) res.socket?.destroy();
      else res.end();
    };
    if (!b.dripMs) {
      for (const part of parts) res.write(part);
      finish();
      return;
    }
    let i = 0;
    const next = (): void => {
      if (res.destroyed) return;
      if (i >= parts.length) return finish();
      res.write(parts[i++]);
      const timer = setTimeout(() => {
        timers.delete(timer);
        next();
      }, b.dripMs);
      timers.add(timer);
    };
    next();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/api/tags') {
      await readBody(req);
      sendJson(res, 200, { models: models.map((name) => ({ name, model: name, size: 1 })) });
      return;
    }
    const protocol = ROUTES[`${req.method} ${path}`];
    const text = await readBody(req);
    if (protocol === undefined) {
      sendJson(res, 404, { error: { message: `mock: no route ${req.method} ${path}` } });
      return;
    }
    let body: Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      sendJson(res, 400, { error: { message: 'mock: request body is not JSON' } });
      return;
    }
    const call = toCall(protocol, body, count++);
    if (record) calls.push(call);
    const b = respond(call);
    if (b.kind === 'hang') return;
    if (b.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (b.kind === 'status') {
      res.writeHead(b.status, { 'content-type': 'application/json', ...b.headers });
      res.end(b.body ?? errorBody(protocol, b.status));
      return;
    }
    if (b.delayMs !== undefined && b.delayMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(res, protocol, call, body, b);
      }, b.delayMs);
      timers.add(timer);
      return;
    }
    answer(res, protocol, call, body, b);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        // Also ends idle keep-alive and hanging ('hang', 'delayMs') connections.
        server.closeAllConnections();
      }),
  };
}
