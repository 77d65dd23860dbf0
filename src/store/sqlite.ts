import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { RunManifest, RunRow, RunStatus } from '../core/manifest.js';
import type { GenerateResult, Verdict } from '../core/types.js';
import { fingerprintOf, itemFactsSql, rowsToItemFacts, sampleAnswersSql, type RawFingerprint, type RawItemFactsRow } from './item-facts.js';
import { FILTER_COLUMNS, MIGRATIONS, UPSERT_SET } from './migrations.js';
import { rowToAnswer, rowToFacts, rowToRun, type RawAnswerRow, type RawFactsRow, type RawRunRow } from './rows.js';
import { answerKey, type AnswerFactsRow, type AnswerFilter, type ItemFacts, type AnswerRow, type OutcomeCount, type RunStore, type StoredResult } from './types.js';
import { newRunId } from './run-id.js';

const CURRENT = `
  LEFT JOIN verdicts v ON v.id = (SELECT max(id) FROM verdicts WHERE response_id = r.id)
  LEFT JOIN overrides o ON o.id = (SELECT max(id) FROM overrides WHERE response_id = r.id)`;

const FACTS_SELECT = `
  SELECT r.id, r.model, r.arm, r.probe_id, r.lang, r.sample, r.topic, r.qtype, r.sensitive, r.controls, r.outcome,
    r.created_at, r.cur_verdict AS verdict_id, r.cur_override AS override_id, coalesce(r.cur_olabel, r.cur_vlabel) AS label,
    r.cur_verdict IS NOT NULL AS has_verdict, r.cur_fc AS fact_coverage, r.cur_nn AS narrative_n, r.cur_ts AS thought_suppressed,
    CASE WHEN r.reasoning IS NULL THEN NULL WHEN trim(r.reasoning) = '' THEN '' ELSE '…' END AS reasoning_state
  FROM responses r`;

/** Answers, their newest ids and save times: moves with every answer, verdict or override of the run. */
const FINGERPRINT = `SELECT count(*) AS n, max(r.id) AS id, max(r.created_at) AS at, max(r.cur_verdict) AS verdict, max(r.cur_override) AS override
  FROM responses r WHERE r.run_id = ?`;

const ANSWER_SELECT = `
  SELECT r.*, coalesce(o.label, v.label) AS label, v.label AS judge_label, v.judge AS judge,
    v.evidence AS evidence, v.scores AS scores, o.label AS override_label, o.reason AS override_reason,
    o.author AS override_author, o.created_at AS override_at
  FROM responses r ${CURRENT}`;


/**
 * Opens (creating if needed) a SQLite store in WAL mode and applies pending migrations.
 * @example const store = openSqliteStore('candor.db');
 */
export function openSqliteStore(path: string, opts: { now?: () => Date } = {}): RunStore {
  let db: Database.Database;
  try {
    db = new Database(path);
    // busy_timeout first: another process may be creating or migrating the same file.
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Foreign keys off while migrating (better-sqlite3 turns them on by default): a migration
    // that rebuilds a table must not cascade its deletes into the verdicts.
    db.pragma('foreign_keys = OFF');
    migrate(db);
    db.pragma('foreign_keys = ON');
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot open database ${path}: ${(e as Error).message}`, { cause: e });
  }
  return new SqliteStore(db, opts.now ?? (() => new Date()));
}

function migrate(db: Database.Database): void {
  // One IMMEDIATE transaction that re-reads the version under the write lock, so two
  // processes opening a new file at once migrate it exactly once.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new StoreError(`database schema ${current} is newer than this candor (${MIGRATIONS.length}); upgrade candor`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

class SqliteStore implements RunStore {
  private readonly upsertResponse: Database.Statement;
  private readonly insertVerdict: Database.Statement;
  private readonly putCache: Database.Statement;
  private readonly getCache: Database.Statement;
  private readonly saveTx: (batch: readonly StoredResult[]) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.upsertResponse = db.prepare(`
      INSERT INTO responses (run_id, model, arm, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt,
        outcome, text, reasoning, finish_reason, latency_ms, prompt_tokens, completion_tokens,
        reasoning_tokens, upstream, error, cached, attempts, created_at, controls)
      VALUES (@runId, @model, @arm, @probeId, @lang, @sample, @seed, @topic, @qtype, @sensitive, @prompt,
        @outcome, @text, @reasoning, @finishReason, @latencyMs, @promptTokens, @completionTokens,
        @reasoningTokens, @upstream, @error, @cached, @attempts, @createdAt, @controls)
      ON CONFLICT (run_id, model, arm, probe_id, lang, sample) DO UPDATE SET
        ${UPSERT_SET}
      RETURNING id`);
    this.insertVerdict = db.prepare(`
      INSERT INTO verdicts (response_id, judge, judge_version, label, evidence, scores, reasoning, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.putCache = db.prepare('INSERT OR REPLACE INTO cache (key, result, created_at) VALUES (?, ?, ?)');
    this.getCache = db.prepare('SELECT result FROM cache WHERE key = ?').pluck();
    this.saveTx = db.transaction((batch: readonly StoredResult[]) => {
      const at = this.now().toISOString();
      for (const { response: r, verdict } of batch) {
        const { id } = this.upsertResponse.get({
          runId: r.runId, model: r.model, arm: r.arm, probeId: r.probeId, lang: r.lang, sample: r.sample,
          seed: r.seed, topic: r.topic, qtype: r.qtype, sensitive: r.sensitive ? 1 : 0,
          prompt: r.prompt, outcome: r.outcome, text: r.text, reasoning: r.reasoning,
          finishReason: r.finishReason, latencyMs: r.latencyMs,
          promptTokens: r.usage.promptTokens ?? null, completionTokens: r.usage.completionTokens ?? null,
          reasoningTokens: r.usage.reasoningTokens ?? null, upstream: r.upstream, error: r.error,
          cached: r.cached ? 1 : 0, attempts: r.attempts, createdAt: at, controls: JSON.stringify(r.controls),
        }) as { id: number };
        if (verdict) {
          this.insertVerdict.run(id, verdict.judge, verdict.judgeVersion, verdict.label,
            JSON.stringify(verdict.evidence), JSON.stringify(verdict.scores),
            verdict.reasoning ? JSON.stringify(verdict.reasoning) : null, at);
        }
      }
    });
  }

  async createRun(manifest: RunManifest, id = newRunId(this.now())): Promise<RunRow> {
    this.db.prepare(`INSERT INTO runs (id, created_at, status, suite_id, suite_hash, models, manifest)
      VALUES (?, ?, 'running', ?, ?, ?, ?)`).run(id, manifest.createdAt, manifest.suite.id, manifest.suite.hash,
      JSON.stringify(manifest.models.map((m) => m.spec)), JSON.stringify(manifest));
    return (await this.getRun(id))!;
  }

  async getRun(ref: string): Promise<RunRow | undefined> {
    if (ref === 'latest') {
      const row = this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as RawRunRow | undefined;
      return row && rowToRun(row);
    }
    const exact = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(ref) as RawRunRow | undefined;
    if (exact) return rowToRun(exact);
    const matches = this.db.prepare("SELECT * FROM runs WHERE id LIKE ? ESCAPE '\\' LIMIT 2")
      .all(ref.replace(/[\\%_]/g, (c) => `\\${c}`) + '%') as RawRunRow[];
    if (matches.length > 1) throw new StoreError(`run id prefix '${ref}' is ambiguous`);
    return matches[0] && rowToRun(matches[0]);
  }

  async listRuns(): Promise<RunRow[]> {
    return (this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC').all() as RawRunRow[]).map(rowToRun);
  }

  async setRunStatus(id: string, status: RunStatus): Promise<void> {
    const finished = status === 'running' ? null : this.now().toISOString();
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(status, finished, id);
  }

  async doneKeys(runId: string): Promise<Set<string>> {
    const rows = this.db.prepare(`SELECT model, probe_id, lang, sample, arm FROM responses
      WHERE run_id = ? AND outcome NOT IN ('error', 'http_error')`).raw().iterate(runId) as Iterable<[string, string, string, number, string]>;
    const keys = new Set<string>();
    for (const [model, probeId, lang, sample, arm] of rows) keys.add(answerKey(model, probeId, lang, sample, arm));
    return keys;
  }

  async saveResults(batch: readonly StoredResult[]): Promise<void> {
    if (batch.length > 0) this.saveTx(batch);
  }

  async saveBatch(batch: readonly StoredResult[], cache: readonly { key: string; result: GenerateResult }[]): Promise<void> {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      if (batch.length > 0) this.saveTx(batch); // nested: a savepoint in this transaction
      for (const e of cache) this.putCache.run(e.key, JSON.stringify(e.result), at);
    })();
  }

  async saveVerdicts(batch: readonly { responseId: number; verdict: Verdict }[]): Promise<void> {
    if (batch.length === 0) return;
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const { responseId, verdict: v } of batch) {
        // The schema has no prompt-hash column: an LLM judge's hash travels in its scores.
        const scores = v.promptHash === undefined ? v.scores : { ...v.scores, promptHash: v.promptHash };
        this.insertVerdict.run(responseId, v.judge, v.judgeVersion, v.label, JSON.stringify(v.evidence),
          JSON.stringify(scores), v.reasoning ? JSON.stringify(v.reasoning) : null, at);
      }
    })();
  }

  async cacheGet(key: string): Promise<GenerateResult | undefined> {
    const raw = this.getCache.get(key) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as GenerateResult);
  }

  async cachePut(entries: readonly { key: string; result: GenerateResult }[]): Promise<void> {
    if (entries.length === 0) return;
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const e of entries) this.putCache.run(e.key, JSON.stringify(e.result), at);
    })();
  }

  async *answerFacts(runId: string): AsyncIterable<AnswerFactsRow> {
    const stmt = this.db.prepare(`${FACTS_SELECT} WHERE r.run_id = ? ORDER BY r.model, r.arm, r.probe_id, r.lang, r.sample`);
    for (const row of stmt.iterate(runId) as Iterable<RawFactsRow>) yield rowToFacts(row);
  }

  async itemFacts(runId: string): Promise<ItemFacts> {
    return rowsToItemFacts(this.db.prepare(itemFactsSql(FACTS_SELECT, 'sqlite')).all(runId) as RawItemFactsRow[]);
  }

  async fingerprint(runId: string): Promise<string> {
    return fingerprintOf(this.db.prepare(FINGERPRINT).get(runId) as RawFingerprint);
  }

  async getSnapshot(runId: string, kind: string): Promise<{ fingerprint: string; body: string } | undefined> {
    return this.db.prepare('SELECT fingerprint, body FROM snapshots WHERE run_id = ? AND kind = ?').get(runId, kind) as { fingerprint: string; body: string } | undefined;
  }

  async putSnapshot(runId: string, kind: string, fingerprint: string, body: string): Promise<void> {
    this.db.prepare(`INSERT INTO snapshots (run_id, kind, fingerprint, body, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (run_id, kind) DO UPDATE SET fingerprint = excluded.fingerprint, body = excluded.body, created_at = excluded.created_at`)
      .run(runId, kind, fingerprint, body, this.now().toISOString());
  }

  /** `PRAGMA data_version`: it moves with every commit of another connection (any process). */
  async changeToken(): Promise<string | undefined> {
    return String(this.db.pragma('data_version', { simple: true }));
  }

  async *answers(runId: string): AsyncIterable<AnswerRow> {
    const stmt = this.db.prepare(`${ANSWER_SELECT} WHERE r.run_id = ? ORDER BY r.model, r.arm, r.probe_id, r.lang, r.sample`);
    for (const row of stmt.iterate(runId) as Iterable<RawAnswerRow>) yield rowToAnswer(row);
  }

  async outcomeCounts(runId: string): Promise<OutcomeCount[]> {
    const rows = this.db.prepare(`
      SELECT r.model AS model, r.sensitive AS sensitive, r.qtype AS qtype, r.outcome AS outcome,
        coalesce(r.cur_olabel, r.cur_vlabel) AS label, count(*) AS n
      FROM responses r
      WHERE r.run_id = ? AND r.arm = 'direct'
      GROUP BY r.model, r.sensitive, r.qtype, r.outcome, coalesce(r.cur_olabel, r.cur_vlabel)`).all(runId) as (Omit<OutcomeCount, 'sensitive'> & { sensitive: number })[];
    return rows.map((r) => ({ ...r, sensitive: r.sensitive === 1 }));
  }

  async getAnswer(id: number): Promise<AnswerRow | undefined> {
    const row = this.db.prepare(`${ANSWER_SELECT} WHERE r.id = ?`).get(id) as RawAnswerRow | undefined;
    return row && rowToAnswer(row);
  }

  async answersPage(runId: string, filter: AnswerFilter, offset: number, limit: number): Promise<{ rows: AnswerRow[]; total: number }> {
    const where = ['r.run_id = @runId'];
    const params: Record<string, string | number> = { runId, offset: Math.max(0, Math.floor(offset)), limit: Math.max(0, Math.floor(limit)) };
    for (const [key, column] of FILTER_COLUMNS) {
      const v = filter[key];
      if (v === undefined) continue;
      where.push(`${column} = @${key}`);
      params[key] = v;
    }
    const cond = where.join(' AND ');
    const total = this.db.prepare(`SELECT count(*) FROM responses r WHERE ${cond}`).pluck().get(params) as number;
    const rows = this.db.prepare(`${ANSWER_SELECT} WHERE ${cond} ORDER BY r.model, r.arm, r.probe_id, r.lang, r.sample LIMIT @limit OFFSET @offset`)
      .all(params) as RawAnswerRow[];
    return { rows: rows.map(rowToAnswer), total };
  }

  async sampleAnswers(runId: string, perCell: number): Promise<AnswerRow[]> {
    if (perCell <= 0) return [];
    return (this.db.prepare(sampleAnswersSql(CURRENT, ANSWER_SELECT, 'sqlite')).all(runId, Math.floor(perCell)) as RawAnswerRow[]).map(rowToAnswer);
  }

  async answersForProbe(runId: string, probeId: string): Promise<AnswerRow[]> {
    const rows = this.db.prepare(`${ANSWER_SELECT} WHERE r.run_id = ? AND r.probe_id = ? ORDER BY r.model, r.arm, r.probe_id, r.lang, r.sample`)
      .all(runId, probeId) as RawAnswerRow[];
    return rows.map(rowToAnswer);
  }

  async addOverride(o: { responseId: number; label: string; reason: string; author?: string }): Promise<void> {
    const found = this.db.prepare('SELECT 1 FROM responses WHERE id = ?').get(o.responseId);
    if (!found) throw new StoreError(`no answer with id ${o.responseId}`);
    this.db.prepare('INSERT INTO overrides (response_id, label, reason, author, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(o.responseId, o.label, o.reason, o.author ?? null, this.now().toISOString());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
