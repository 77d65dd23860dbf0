import type pg from 'pg';
import { StoreError } from '../core/errors.js';
import type { RunManifest, RunRow, RunStatus } from '../core/manifest.js';
import type { GenerateResult, Verdict } from '../core/types.js';
import { FILTER_COLUMNS, UPSERT_SET } from './migrations.js';
import { fingerprintOf, itemFactsSql, rowsToItemFacts, sampleAnswersSql, type RawFingerprint, type RawItemFactsRow } from './item-facts.js';
import { rowToAnswer, rowToFacts, rowToRun, type RawAnswerRow, type RawFactsRow, type RawRunRow } from './rows.js';
import { saveBatchParams, saveBatchSql } from './pg-batch.js';
import { newRunId } from './run-id.js';
import { answerKey, type AnswerFactsRow, type AnswerFilter, type ItemFacts, type AnswerRow, type OutcomeCount, type RunStore, type StoredResult } from './types.js';

const CURRENT = `
  LEFT JOIN verdicts v ON v.id = (SELECT max(id) FROM verdicts WHERE response_id = r.id)
  LEFT JOIN overrides o ON o.id = (SELECT max(id) FROM overrides WHERE response_id = r.id)`;

const ANSWER_SELECT = `
  SELECT r.*, coalesce(o.label, v.label) AS label, v.label AS judge_label, v.judge AS judge,
    v.evidence AS evidence, v.scores AS scores, o.label AS override_label, o.reason AS override_reason,
    o.author AS override_author, o.created_at AS override_at
  FROM responses r ${CURRENT}`;

const ORDER = 'ORDER BY r.model, r.arm, r.probe_id, r.lang, r.sample';

const FACTS_SELECT = `
  SELECT r.id, r.model, r.arm, r.probe_id, r.lang, r.sample, r.topic, r.qtype, r.sensitive, r.controls, r.outcome,
    r.created_at, r.cur_verdict AS verdict_id, r.cur_override AS override_id, coalesce(r.cur_olabel, r.cur_vlabel) AS label,
    (r.cur_verdict IS NOT NULL)::int AS has_verdict, r.cur_fc AS fact_coverage, r.cur_nn AS narrative_n, r.cur_ts AS thought_suppressed,
    CASE WHEN r.reasoning IS NULL THEN NULL WHEN btrim(r.reasoning) = '' THEN '' ELSE '…' END AS reasoning_state
  FROM responses r`;

const UPSERT = `
  INSERT INTO responses (run_id, model, arm, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt,
    outcome, text, reasoning, finish_reason, latency_ms, prompt_tokens, completion_tokens,
    reasoning_tokens, upstream, error, cached, attempts, created_at, controls)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
  ON CONFLICT ON CONSTRAINT responses_key DO UPDATE SET
    ${UPSERT_SET}
  RETURNING id`;

const SAVE_BATCH = saveBatchSql(UPSERT);

/**
 * A verdict is added unless it equals the answer's current one: a job retried after its write
 * (a worker killed before acknowledging it) stores nothing twice.
 */
const INSERT_VERDICT = `
  INSERT INTO verdicts (response_id, judge, judge_version, label, evidence, scores, reasoning, created_at)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8
  WHERE NOT EXISTS (SELECT 1 FROM verdicts c WHERE c.id = (SELECT max(id) FROM verdicts WHERE response_id = $1)
    AND c.judge = $2 AND c.judge_version = $3 AND c.label = $4 AND c.evidence = $5 AND c.scores = $6
    AND c.reasoning IS NOT DISTINCT FROM $7)`;


/** Rows per page while streaming answers (keyset pagination: no transaction held open). */
const PAGE = 500;

export class PostgresStore implements RunStore {
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ready: Promise<void>,
    private readonly now: () => Date,
  ) {}

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(sql, params)).rows;
  }

  private async tx(fn: (c: pg.PoolClient) => Promise<void>): Promise<void> {
    await this.ready;
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await fn(c);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async createRun(manifest: RunManifest, id = newRunId(this.now())): Promise<RunRow> {
    await this.q(`INSERT INTO runs (id, created_at, status, suite_id, suite_hash, models, manifest)
      VALUES ($1, $2, 'running', $3, $4, $5, $6)`, [id, manifest.createdAt, manifest.suite.id, manifest.suite.hash,
      JSON.stringify(manifest.models.map((m) => m.spec)), JSON.stringify(manifest)]);
    return (await this.getRun(id))!;
  }

  async getRun(ref: string): Promise<RunRow | undefined> {
    if (ref === 'latest') {
      const [row] = await this.q<RawRunRow>('SELECT * FROM runs ORDER BY created_at DESC, seq DESC LIMIT 1');
      return row && rowToRun(row);
    }
    const [exact] = await this.q<RawRunRow>('SELECT * FROM runs WHERE id = $1', [ref]);
    if (exact) return rowToRun(exact);
    const matches = await this.q<RawRunRow>("SELECT * FROM runs WHERE id LIKE $1 ESCAPE '\\' LIMIT 2",
      [ref.replace(/[\\%_]/g, (c) => `\\${c}`) + '%']);
    if (matches.length > 1) throw new StoreError(`run id prefix '${ref}' is ambiguous`);
    return matches[0] && rowToRun(matches[0]);
  }

  async listRuns(): Promise<RunRow[]> {
    return (await this.q<RawRunRow>('SELECT * FROM runs ORDER BY created_at DESC, seq DESC')).map(rowToRun);
  }

  async setRunStatus(id: string, status: RunStatus): Promise<void> {
    const finished = status === 'running' ? null : this.now().toISOString();
    await this.q('UPDATE runs SET status = $1, finished_at = $2 WHERE id = $3', [status, finished, id]);
  }

  async doneKeys(runId: string): Promise<Set<string>> {
    const rows = await this.q<{ model: string; probe_id: string; lang: string; sample: number; arm: string }>(
      `SELECT model, probe_id, lang, sample, arm FROM responses WHERE run_id = $1 AND outcome NOT IN ('error', 'http_error')`, [runId]);
    return new Set(rows.map((r) => answerKey(r.model, r.probe_id, r.lang, r.sample, r.arm)));
  }

  async saveResults(batch: readonly StoredResult[]): Promise<void> {
    if (batch.length === 0) return;
    const at = this.now().toISOString();
    await this.tx(async (c) => {
      for (const { response: r, verdict } of batch) {
        const { rows } = await c.query<{ id: number }>(UPSERT, [
          r.runId, r.model, r.arm, r.probeId, r.lang, r.sample, r.seed, r.topic, r.qtype, r.sensitive ? 1 : 0,
          r.prompt, r.outcome, r.text, r.reasoning, r.finishReason, r.latencyMs,
          r.usage.promptTokens ?? null, r.usage.completionTokens ?? null, r.usage.reasoningTokens ?? null,
          r.upstream, r.error, r.cached ? 1 : 0, r.attempts, at, JSON.stringify(r.controls),
        ]);
        if (verdict) await c.query(INSERT_VERDICT, verdictParams(rows[0]!.id, verdict, verdict.scores, at));
      }
    });
  }

  async saveBatch(batch: readonly StoredResult[], cache: readonly { key: string; result: GenerateResult }[]): Promise<void> {
    if (batch.length > 0 || cache.length > 0) await this.q(SAVE_BATCH, saveBatchParams(batch, cache, this.now().toISOString()));
  }

  async saveVerdicts(batch: readonly { responseId: number; verdict: Verdict }[]): Promise<void> {
    if (batch.length === 0) return;
    const at = this.now().toISOString();
    await this.tx(async (c) => {
      for (const { responseId, verdict: v } of batch) {
        // As in SQLite: an LLM judge's prompt hash travels in its scores.
        const scores = v.promptHash === undefined ? v.scores : { ...v.scores, promptHash: v.promptHash };
        await c.query(`INSERT INTO verdicts (response_id, judge, judge_version, label, evidence, scores, reasoning, created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, verdictParams(responseId, v, scores, at));
      }
    });
  }

  async cacheGet(key: string): Promise<GenerateResult | undefined> {
    const [row] = await this.q<{ result: string }>('SELECT result FROM cache WHERE key = $1', [key]);
    return row === undefined ? undefined : (JSON.parse(row.result) as GenerateResult);
  }

  async cachePut(entries: readonly { key: string; result: GenerateResult }[]): Promise<void> {
    if (entries.length === 0) return;
    const at = this.now().toISOString();
    await this.tx(async (c) => {
      for (const e of entries) {
        await c.query(`INSERT INTO cache (key, result, created_at) VALUES ($1, $2, $3)
          ON CONFLICT (key) DO UPDATE SET result = excluded.result, created_at = excluded.created_at`, [e.key, JSON.stringify(e.result), at]);
      }
    });
  }

  async fingerprint(runId: string): Promise<string> {
    const [row] = await this.q<RawFingerprint>(`SELECT count(*) AS n, max(r.id) AS id, max(r.created_at) AS at,
      max(r.cur_verdict) AS verdict, max(r.cur_override) AS override FROM responses r WHERE r.run_id = $1`, [runId]);
    return fingerprintOf(row!);
  }

  async getSnapshot(runId: string, kind: string): Promise<{ fingerprint: string; body: string } | undefined> {
    const [row] = await this.q<{ fingerprint: string; body: string }>('SELECT fingerprint, body FROM snapshots WHERE run_id = $1 AND kind = $2', [runId, kind]);
    return row;
  }

  async putSnapshot(runId: string, kind: string, fingerprint: string, body: string): Promise<void> {
    await this.q(`INSERT INTO snapshots (run_id, kind, fingerprint, body, created_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (run_id, kind) DO UPDATE SET fingerprint = excluded.fingerprint, body = excluded.body, created_at = excluded.created_at`,
    [runId, kind, fingerprint, body, this.now().toISOString()]);
  }

  /** No cheap store-wide token here: callers use the per-run fingerprint. */
  async changeToken(): Promise<string | undefined> {
    return undefined;
  }

  async itemFacts(runId: string): Promise<ItemFacts> {
    return rowsToItemFacts(await this.q<RawItemFactsRow>(itemFactsSql(FACTS_SELECT, 'postgres'), [runId]));
  }

  /** The slim view, paged like {@link answers}. */
  async *answerFacts(runId: string): AsyncIterable<AnswerFactsRow> {
    let after: RawFactsRow | undefined;
    for (;;) {
      const rows: RawFactsRow[] = after
        ? await this.q<RawFactsRow>(`${FACTS_SELECT} WHERE r.run_id = $1
            AND (r.model, r.arm, r.probe_id, r.lang, r.sample) > ($2, $3, $4, $5, $6) ${ORDER} LIMIT ${PAGE * 4}`,
          [runId, after.model, after.arm, after.probe_id, after.lang, after.sample])
        : await this.q<RawFactsRow>(`${FACTS_SELECT} WHERE r.run_id = $1 ${ORDER} LIMIT ${PAGE * 4}`, [runId]);
      for (const row of rows) yield rowToFacts(row);
      if (rows.length < PAGE * 4) return;
      after = rows.at(-1);
    }
  }

  /** Streams by keyset pagination on the answer key, so memory stays flat and no connection is held between pages. */
  async *answers(runId: string): AsyncIterable<AnswerRow> {
    let after: RawAnswerRow | undefined;
    for (;;) {
      const rows: RawAnswerRow[] = after
        ? await this.q<RawAnswerRow>(`${ANSWER_SELECT} WHERE r.run_id = $1
            AND (r.model, r.arm, r.probe_id, r.lang, r.sample) > ($2, $3, $4, $5, $6) ${ORDER} LIMIT ${PAGE}`,
          [runId, after.model, after.arm, after.probe_id, after.lang, after.sample])
        : await this.q<RawAnswerRow>(`${ANSWER_SELECT} WHERE r.run_id = $1 ${ORDER} LIMIT ${PAGE}`, [runId]);
      for (const row of rows) yield rowToAnswer(row);
      if (rows.length < PAGE) return;
      after = rows.at(-1);
    }
  }

  async outcomeCounts(runId: string): Promise<OutcomeCount[]> {
    const rows = await this.q<Omit<OutcomeCount, 'sensitive'> & { sensitive: number }>(`
      SELECT r.model AS model, r.sensitive AS sensitive, r.qtype AS qtype, r.outcome AS outcome,
        coalesce(r.cur_olabel, r.cur_vlabel) AS label, count(*) AS n
      FROM responses r
      WHERE r.run_id = $1 AND r.arm = 'direct'
      GROUP BY r.model, r.sensitive, r.qtype, r.outcome, coalesce(r.cur_olabel, r.cur_vlabel)`, [runId]);
    return rows.map((r) => ({ ...r, sensitive: r.sensitive === 1 }));
  }

  async getAnswer(id: number): Promise<AnswerRow | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const [row] = await this.q<RawAnswerRow>(`${ANSWER_SELECT} WHERE r.id = $1`, [id]);
    return row && rowToAnswer(row);
  }

  async answersPage(runId: string, filter: AnswerFilter, offset: number, limit: number): Promise<{ rows: AnswerRow[]; total: number }> {
    const params: unknown[] = [runId];
    const where = ['r.run_id = $1'];
    for (const [key, column] of FILTER_COLUMNS) {
      const v = filter[key];
      if (v === undefined) continue;
      params.push(v);
      where.push(`${column} = $${params.length}`);
    }
    const cond = where.join(' AND ');
    const [count] = await this.q<{ n: number }>(`SELECT count(*) AS n FROM responses r WHERE ${cond}`, params);
    const rows = await this.q<RawAnswerRow>(`${ANSWER_SELECT} WHERE ${cond} ${ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, Math.max(0, Math.floor(limit)), Math.max(0, Math.floor(offset))]);
    return { rows: rows.map(rowToAnswer), total: count?.n ?? 0 };
  }

  async sampleAnswers(runId: string, perCell: number): Promise<AnswerRow[]> {
    if (perCell <= 0) return [];
    return (await this.q<RawAnswerRow>(sampleAnswersSql(CURRENT, ANSWER_SELECT, 'postgres'), [runId, Math.floor(perCell)])).map(rowToAnswer);
  }

  async answersForProbe(runId: string, probeId: string): Promise<AnswerRow[]> {
    return (await this.q<RawAnswerRow>(`${ANSWER_SELECT} WHERE r.run_id = $1 AND r.probe_id = $2 ${ORDER}`, [runId, probeId])).map(rowToAnswer);
  }

  async addOverride(o: { responseId: number; label: string; reason: string; author?: string }): Promise<void> {
    const found = Number.isSafeInteger(o.responseId) ? await this.q('SELECT 1 FROM responses WHERE id = $1', [o.responseId]) : [];
    if (found.length === 0) throw new StoreError(`no answer with id ${o.responseId}`);
    await this.q('INSERT INTO overrides (response_id, label, reason, author, created_at) VALUES ($1, $2, $3, $4, $5)',
      [o.responseId, o.label, o.reason, o.author ?? null, this.now().toISOString()]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}

function verdictParams(responseId: number, v: Verdict, scores: unknown, at: string): unknown[] {
  return [responseId, v.judge, v.judgeVersion, v.label, JSON.stringify(v.evidence), JSON.stringify(scores),
    v.reasoning ? JSON.stringify(v.reasoning) : null, at];
}
