import type { RunManifest, RunRow, RunStatus } from '../core/manifest.js';
import type { Outcome } from '../core/types.js';
import type { AnswerRow } from './types.js';

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
