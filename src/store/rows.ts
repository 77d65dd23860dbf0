import type { RunManifest, RunRow, RunStatus } from '../core/manifest.js';
import type { Outcome } from '../core/types.js';
import type { AnswerFactsRow, AnswerRow } from './types.js';

export interface RawRunRow {
  id: string;
  created_at: string;
  finished_at: string | null;
  status: RunStatus;
  suite_id: string;
  suite_hash: string;
  models: string;
  manifest: string;
}

export function rowToRun(r: RawRunRow): RunRow {
  return {
    id: r.id,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    status: r.status,
    suiteId: r.suite_id,
    suiteHash: r.suite_hash,
    models: JSON.parse(r.models) as string[],
    manifest: JSON.parse(r.manifest) as RunManifest,
  };
}

export interface RawAnswerRow {
  id: number;
  run_id: string;
  model: string;
  probe_id: string;
  lang: string;
  sample: number;
  seed: number;
  topic: string;
  qtype: string;
  sensitive: number;
  prompt: string;
  outcome: Outcome;
  text: string;
  reasoning: string | null;
  finish_reason: string | null;
  latency_ms: number;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  reasoning_tokens: number | null;
  upstream: string | null;
  error: string | null;
  cached: number;
  attempts: number;
  controls: string;
  arm: string;
  label: string | null;
  judge_label: string | null;
  override_label: string | null;
  override_reason: string | null;
  override_author: string | null;
  override_at: string | null;
  judge: string | null;
  evidence: string | null;
  scores: string | null;
}

export function rowToAnswer(r: RawAnswerRow): AnswerRow {
  return {
    id: r.id,
    runId: r.run_id,
    model: r.model,
    probeId: r.probe_id,
    lang: r.lang,
    sample: r.sample,
    seed: r.seed,
    topic: r.topic,
    qtype: r.qtype,
    sensitive: r.sensitive === 1,
    controls: JSON.parse(r.controls) as string[],
    arm: r.arm,
    prompt: r.prompt,
    outcome: r.outcome,
    text: r.text,
    reasoning: r.reasoning,
    finishReason: r.finish_reason,
    latencyMs: r.latency_ms,
    usage: {
      ...(r.prompt_tokens !== null && { promptTokens: r.prompt_tokens }),
      ...(r.completion_tokens !== null && { completionTokens: r.completion_tokens }),
      ...(r.reasoning_tokens !== null && { reasoningTokens: r.reasoning_tokens }),
    },
    upstream: r.upstream,
    error: r.error,
    cached: r.cached === 1,
    attempts: r.attempts,
    label: r.label,
    judgeLabel: r.judge_label,
    override: r.override_label === null ? null : {
      label: r.override_label, reason: r.override_reason ?? '', author: r.override_author, createdAt: r.override_at ?? '',
    },
    judge: r.judge,
    evidence: r.evidence === null ? null : (JSON.parse(r.evidence) as AnswerRow['evidence']),
    scores: r.scores === null ? null : (JSON.parse(r.scores) as AnswerRow['scores']),
  };
}

/** The columns of the slim answer view, the same in SQLite and PostgreSQL. */
export interface RawFactsRow {
  id: number;
  model: string;
  arm: string;
  probe_id: string;
  lang: string;
  sample: number;
  topic: string;
  qtype: string;
  sensitive: number;
  controls: string;
  outcome: AnswerRow['outcome'];
  label: string | null;
  has_verdict: number;
  fact_coverage: number | null;
  narrative_n: number | null;
  thought_suppressed: number | boolean | null;
  reasoning_state: string | null;
}

export function rowToFacts(r: RawFactsRow): AnswerFactsRow {
  const ts = r.thought_suppressed;
  return {
    id: Number(r.id), model: r.model, arm: r.arm, probeId: r.probe_id, lang: r.lang, sample: r.sample, topic: r.topic,
    qtype: r.qtype, sensitive: r.sensitive === 1 || (r.sensitive as unknown) === true, controls: JSON.parse(r.controls) as string[],
    outcome: r.outcome, label: r.label,
    scores: r.has_verdict ? {
      factCoverage: r.fact_coverage === null ? null : Number(r.fact_coverage),
      narrativeFlags: new Array<unknown>(Number(r.narrative_n ?? 0)),
      ...(ts !== null && { thoughtSuppressed: ts === true || ts === 1 }),
    } : null,
    reasoning: r.reasoning_state,
  };
}
