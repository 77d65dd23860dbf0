/**
 * `llm:<model spec>`: asks a model to grade an answer with Candor's rubric. The Provider is
 * passed in; this module does no I/O of its own. A reply that is not valid JSON of the
 * required shape is asked once more; a second failure is a JudgeError, never a guessed label.
 * @module
 */
import { z } from 'zod';
import { JudgeError } from '../../core/errors.js';
import { LABELS, type AsyncJudge, type ChatMessage, type EvidenceSpan, type JudgeInput, type Probe, type Verdict } from '../../core/types.js';
import type { Provider } from '../../providers/types.js';
import { RUBRIC_HASH, RUBRIC_VERSION, retryMessage, rubricMessages } from './rubric.js';

const replySchema = z.object({
  label: z.enum(LABELS),
  evidence: z.array(z.string()).max(20).default([]),
  facts_present: z.array(z.string()).default([]),
  narratives: z.array(z.string()).default([]),
  euphemisms: z.array(z.string()).default([]),
  rationale: z.string().default(''),
});
export type JudgeReply = z.infer<typeof replySchema>;

export interface LlmJudgeOptions {
  /** Aborts the judge's requests (Ctrl-C). */
  signal?: AbortSignal;
  maxTokens?: number;
}

const SEVERITY = { low: 1, medium: 2, high: 3 } as const;

/** Parses a judge's reply: the JSON object, optionally inside a code fence or after a think block. */
export function parseReply(raw: string): { ok: true; reply: JudgeReply } | { ok: false; problem: string } {
  const text = raw.replace(/<think>[\s\S]*?<\/think>/g, '');
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return { ok: false, problem: 'no JSON object' };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch (e) {
    return { ok: false, problem: `invalid JSON: ${(e as Error).message}` };
  }
  const parsed = replySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'reply'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, reply: parsed.data };
}

/** Turns a valid reply into a Verdict: quotes become spans where they occur in the answer. */
export function replyToVerdict(probe: Probe, text: string, reply: JudgeReply, judgeId: string): Verdict {
  const evidence: EvidenceSpan[] = [];
  const kind = `llm:${reply.label.toLowerCase()}`;
  for (const q of reply.evidence) {
    const quote = q.trim();
    const at = quote === '' ? -1 : text.indexOf(quote);
    if (at >= 0) evidence.push({ field: 'text', start: at, end: at + quote.length, match: quote, kind });
  }
  const present = new Set(reply.facts_present);
  let total = 0;
  let got = 0;
  for (const f of probe.facts) {
    const w = f.weight === 'central' ? 2 : 1;
    total += w;
    if (present.has(f.id)) got += w;
  }
  const echoed = new Set(reply.narratives);
  const narrativeFlags = probe.narratives.filter((n) => echoed.has(n.id)).map((n) => ({ id: n.id, severity: n.severity }));
  const euphemisms = reply.euphemisms.filter((e) => e.trim() !== '' && text.includes(e.trim()));
  for (const e of euphemisms) {
    const at = text.indexOf(e.trim());
    evidence.push({ field: 'text', start: at, end: at + e.trim().length, match: e.trim(), kind: 'euphemism' });
  }
  evidence.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    label: reply.label,
    judge: judgeId,
    judgeVersion: RUBRIC_VERSION,
    evidence,
    scores: {
      factCoverage: total === 0 ? null : Math.round((got / total) * 1000) / 1000,
      narrativeFlags,
      euphemisms,
      narrativeWeight: narrativeFlags.reduce((s, n) => s + SEVERITY[n.severity], 0),
      rationale: reply.rationale.slice(0, 500),
      unquoted: reply.evidence.length - evidence.filter((e) => e.kind === kind).length,
    },
    promptHash: RUBRIC_HASH,
  };
}

/**
 * Creates an LLM judge over a provider.
 *
 * @example
 * const judge = createLlmJudge(await createProvider('openai:gpt-4o-mini'));
 * const verdict = await judge.judge(probe, { text }); // rejects with JudgeError on a second bad reply
 */
export function createLlmJudge(provider: Provider, opts: LlmJudgeOptions = {}): AsyncJudge {
  const id = `llm:${provider.id}`;
  const signal = opts.signal ?? new AbortController().signal;
  async function ask(messages: ChatMessage[]): Promise<string> {
    try {
      const r = await provider.generate({ messages, temperature: 0, maxTokens: opts.maxTokens ?? 1024, seed: 0 }, { signal });
      return r.text;
    } catch (e) {
      throw new JudgeError(`${id}: ${provider.classifyError(e).message}`, { cause: e });
    }
  }
  async function judge(probe: Probe, answer: JudgeInput): Promise<Verdict> {
    const text = answer.text ?? '';
    const messages = rubricMessages(probe, text);
    let problem = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      let raw: string;
      try {
        raw = await ask(messages);
      } catch (e) {
        if (attempt === 1 || signal.aborted) throw e;
        problem = (e as Error).message;
        continue;
      }
      const parsed = parseReply(raw);
      if (parsed.ok) return replyToVerdict(probe, text, parsed.reply, id);
      problem = parsed.problem;
      messages.push({ role: 'assistant', content: raw.slice(0, 4000) }, retryMessage(problem));
    }
    throw new JudgeError(`${id}: no valid verdict after a retry (${problem})`);
  }
  return { id, version: RUBRIC_VERSION, judge };
}
