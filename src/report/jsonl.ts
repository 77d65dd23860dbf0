import type { AnswerRow } from '../store/types.js';

/** One export line per answer (the `candor export --format jsonl` contract). */
export function answerToJsonl(a: AnswerRow): string {
  return JSON.stringify({
    run: a.runId,
    model: a.model,
    arm: a.arm,
    probe_id: a.probeId,
    topic: a.topic,
    type: a.qtype,
    language: a.lang,
    is_control: !a.sensitive,
    sample: a.sample,
    seed: a.seed,
    prompt: a.prompt,
    answer: a.text,
    reasoning: a.reasoning,
    outcome: a.outcome,
    finish_reason: a.finishReason,
    error: a.error,
    label: a.label,
    judge: a.judge,
    evidence: a.evidence,
    scores: a.scores,
    upstream: a.upstream,
    latency_ms: a.latencyMs,
    usage: a.usage,
    cached: a.cached,
  });
}
