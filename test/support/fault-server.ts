/**
 * A mock LLM server that injects faults: for tests and the soak script. Answers are
 * deterministic (a function of the prompt and the draw's seed) so runs can be compared;
 * which requests fail is decided by a seeded hash of (seed, attempt), so a run is repeatable.
 */
import { createHash } from 'node:crypto';
import { startMockServer, type Behaviour, type MockCall, type MockServer } from './mock-llm-server.js';

export const FAULT_KINDS = [
  'http500', 'http502', 'http503', 'http429-retry-after', 'http429-bare', 'reset', 'hang',
  'cut-stream', 'malformed-json', 'wrong-content-type', 'empty-choices', 'enormous', 'drip', 'content-filter',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults after which the answer is still a real answer (so it may be judged). */
export const BENIGN_FAULTS: readonly FaultKind[] = ['enormous', 'drip'];

export interface FaultServerOptions {
  /** Share of requests that get a fault, 0..1. */
  faultRate: number;
  /** Which faults to draw from (default: all but 'hang'). */
  kinds?: readonly FaultKind[];
  /** Salt for the fault draw. */
  salt?: string;
  /** Per-answer delay in ms. */
  delayMs?: number;
}

export interface DrawLog {
  attempts: number;
  /** What the last attempt got: a fault kind, or 'answer'. */
  last: FaultKind | 'answer';
  /** Attempts that got a usable answer (a clean one, or a benign fault such as a slow drip). */
  usable: number;
}

export interface FaultServer extends MockServer {
  /** By draw seed. */
  draws: Map<number, DrawLog>;
  injected: Map<FaultKind, number>;
}

const unit = (text: string): number => createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;

/** The deterministic answer for a prompt and seed: plain factual prose. */
export function deterministicAnswer(prompt: string, seed: number | undefined): string {
  const n = Math.floor(unit(`${prompt}\u0000${seed ?? 0}`) * 1000);
  return `According to published historical records (reference ${n}), the events are documented in detail by historians, ` +
    `journalists and official archives. Troops were deployed, several accounts describe what happened, and estimates ` +
    `of the numbers involved differ between sources. 据公开的历史记录，军队被部署，多方资料记录了事件经过。`;
}

/** About 1 MB, built once. */
const ENORMOUS_TAIL = 'Further detail follows. '.repeat(40_000);

function behaviourFor(kind: FaultKind, text: string): Behaviour {
  switch (kind) {
    case 'http500': return { kind: 'status', status: 500 };
    case 'http502': return { kind: 'status', status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' };
    case 'http503': return { kind: 'status', status: 503 };
    case 'http429-retry-after': return { kind: 'status', status: 429, headers: { 'retry-after': '0' } };
    case 'http429-bare': return { kind: 'status', status: 429 };
    case 'reset': return { kind: 'reset' };
    case 'hang': return { kind: 'hang' };
    case 'cut-stream': return { kind: 'answer', text, cutAfterParts: 2 };
    case 'malformed-json': return { kind: 'status', status: 200, body: '{"choices": [{"message": {"content": "unterminated' };
    case 'wrong-content-type': return { kind: 'status', status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Service page</body></html>' };
    case 'empty-choices': return { kind: 'status', status: 200, body: '{"id":"x","object":"chat.completion","choices":[]}' };
    case 'enormous': return { kind: 'answer', text: `${text} ${ENORMOUS_TAIL}` };
    case 'drip': return { kind: 'answer', text, dripMs: 2 };
    case 'content-filter': return { kind: 'answer', text: '', finishReason: 'content_filter' };
  }
}

export async function startFaultServer(o: FaultServerOptions): Promise<FaultServer> {
  const kinds = o.kinds ?? FAULT_KINDS.filter((k) => k !== 'hang');
  const draws = new Map<number, DrawLog>();
  const injected = new Map<FaultKind, number>();
  const server = await startMockServer({
    recordCalls: false,
    respond: (call: MockCall) => {
      const prompt = call.messages.at(-1)?.content ?? '';
      const seed = call.seed ?? -1;
      const log: DrawLog = draws.get(seed) ?? { attempts: 0, last: 'answer', usable: 0 };
      log.attempts++;
      draws.set(seed, log);
      const text = deterministicAnswer(prompt, call.seed);
      const r = unit(`${o.salt ?? ''}\u0000${seed}\u0000${log.attempts}`);
      if (r < o.faultRate) {
        const kind = kinds[Math.floor((r / o.faultRate) * kinds.length)]!;
        injected.set(kind, (injected.get(kind) ?? 0) + 1);
        log.last = kind;
        if (BENIGN_FAULTS.includes(kind)) log.usable++;
        return behaviourFor(kind, text);
      }
      log.last = 'answer';
      log.usable++;
      return { kind: 'answer', text, ...(o.delayMs && { delayMs: o.delayMs }) };
    },
  });
  return Object.assign(server, { draws, injected });
}
