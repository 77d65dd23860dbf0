/**
 * PostgreSQL `saveBatch` (see RunStore): a batch of answers, verdicts and cache entries in one
 * statement, each column sent as an array.
 * @module
 */
import type { GenerateResult } from '../core/types.js';
import { answerKey, type StoredResult } from './types.js';

/**
 * `saveBatch` in one statement (so one round trip, atomic without BEGIN/COMMIT): each column an
 * array; answers upserted by key, each one's verdict added unless equal to its current one
 * (as INSERT_VERDICT), cache entries upserted.
 */
const KEY_COLS = ['run_id', 'model', 'arm', 'probe_id', 'lang', 'sample'];
/** The statement, given the single-answer UPSERT (whose ON CONFLICT clause it shares). */
export const saveBatchSql = (UPSERT: string): string => `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int8[], $8::text[],
      $9::text[], $10::int[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::float8[], $17::int[],
      $18::int[], $19::int[], $20::text[], $21::text[], $22::int[], $23::int[], $24::text[], $25::text[],
      $26::text[], $27::text[], $28::text[], $29::text[], $30::text[], $31::text[])
      AS u(run_id, model, arm, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt, outcome, text, reasoning,
        finish_reason, latency_ms, prompt_tokens, completion_tokens, reasoning_tokens, upstream, error, cached, attempts,
        created_at, controls, judge, judge_version, label, evidence, scores, verdict_reasoning)
  ), r AS (
    INSERT INTO responses (run_id, model, arm, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt,
      outcome, text, reasoning, finish_reason, latency_ms, prompt_tokens, completion_tokens,
      reasoning_tokens, upstream, error, cached, attempts, created_at, controls)
    SELECT run_id, model, arm, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt, outcome, text, reasoning,
      finish_reason, latency_ms, prompt_tokens, completion_tokens, reasoning_tokens, upstream, error, cached, attempts,
      created_at, controls FROM input
    ${UPSERT.slice(UPSERT.indexOf('ON CONFLICT'), UPSERT.indexOf('RETURNING'))}
    RETURNING ${KEY_COLS.join(', ')}, id
  ), v AS (
    INSERT INTO verdicts (response_id, judge, judge_version, label, evidence, scores, reasoning, created_at)
    SELECT r.id, i.judge, i.judge_version, i.label, i.evidence, i.scores, i.verdict_reasoning, i.created_at
    FROM r JOIN input i ON ${KEY_COLS.map((k) => (k === 'sample' ? 'i.sample = r.sample' : `i.${k} COLLATE "C" = r.${k}`)).join(' AND ')}
    WHERE i.label IS NOT NULL AND NOT EXISTS (SELECT 1 FROM verdicts c WHERE c.id = (SELECT max(id) FROM verdicts WHERE response_id = r.id)
      AND c.judge = i.judge AND c.judge_version = i.judge_version AND c.label = i.label AND c.evidence = i.evidence
      AND c.scores = i.scores AND c.reasoning IS NOT DISTINCT FROM i.verdict_reasoning)
  ), c AS (
    INSERT INTO cache (key, result, created_at) SELECT * FROM unnest($32::text[], $33::text[], $34::text[])
    ON CONFLICT (key) DO UPDATE SET result = excluded.result, created_at = excluded.created_at
  )
  SELECT count(*)::int AS n FROM r`;

/** Rows as columns (for unnest), the later of two with the same key kept. */
function columns<T>(rows: readonly T[], key: (r: T) => string, fields: readonly ((r: T) => unknown)[]): unknown[][] {
  const last = [...new Map(rows.map((r) => [key(r), r])).values()];
  return fields.map((f) => last.map(f));
}


/** The parameters of `saveBatchSql`. */
export function saveBatchParams(batch: readonly StoredResult[], cache: readonly { key: string; result: GenerateResult }[], at: string): unknown[][] {
    const rows = columns(batch, (x) => `${x.response.runId}\u0000${answerKey(x.response.model, x.response.probeId, x.response.lang, x.response.sample, x.response.arm)}`, [
      ({ response: r }) => r.runId, ({ response: r }) => r.model, ({ response: r }) => r.arm, ({ response: r }) => r.probeId,
      ({ response: r }) => r.lang, ({ response: r }) => r.sample, ({ response: r }) => r.seed, ({ response: r }) => r.topic,
      ({ response: r }) => r.qtype, ({ response: r }) => (r.sensitive ? 1 : 0), ({ response: r }) => r.prompt, ({ response: r }) => r.outcome,
      ({ response: r }) => r.text, ({ response: r }) => r.reasoning, ({ response: r }) => r.finishReason, ({ response: r }) => r.latencyMs,
      ({ response: r }) => r.usage.promptTokens ?? null, ({ response: r }) => r.usage.completionTokens ?? null,
      ({ response: r }) => r.usage.reasoningTokens ?? null, ({ response: r }) => r.upstream, ({ response: r }) => r.error,
      ({ response: r }) => (r.cached ? 1 : 0), ({ response: r }) => r.attempts, () => at, ({ response: r }) => JSON.stringify(r.controls),
      ({ verdict: v }) => v?.judge ?? null, ({ verdict: v }) => v?.judgeVersion ?? null, ({ verdict: v }) => v?.label ?? null,
      ({ verdict: v }) => (v ? JSON.stringify(v.evidence) : null), ({ verdict: v }) => (v ? JSON.stringify(v.scores) : null),
      ({ verdict: v }) => (v?.reasoning ? JSON.stringify(v.reasoning) : null),
    ]);
    return [...rows, ...columns(cache, (e) => e.key, [(e) => e.key, (e) => JSON.stringify(e.result), () => at])];
}
