/**
 * Numbered schema migrations. `PRAGMA user_version` holds the number applied;
 * append new steps, never edit old ones.
 */
import type { AnswerFilter } from './types.js';

/**
 * Statistics computed from a run's answers, kept with the run fingerprint they were computed at.
 * The same DDL in SQLite and PostgreSQL (migration 5 in both).
 */
export const SNAPSHOTS_TABLE = `
  CREATE TABLE snapshots (
    run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (run_id, kind)
  );`;

/** The columns a page of answers can be filtered by (the label is the current one: override, else newest verdict). Both stores. */
export const FILTER_COLUMNS: readonly [keyof AnswerFilter, string][] = [
  ['model', 'r.model'], ['arm', 'r.arm'], ['topic', 'r.topic'], ['lang', 'r.lang'],
  ['label', 'coalesce(r.cur_olabel, r.cur_vlabel)'], ['outcome', 'r.outcome'],
];

/** What re-saving an answer (a retry, a resume) replaces: everything but its key and its id. Both stores. */
export const UPSERT_SET = `seed = excluded.seed, outcome = excluded.outcome, text = excluded.text,
    reasoning = excluded.reasoning, finish_reason = excluded.finish_reason,
    latency_ms = excluded.latency_ms, prompt_tokens = excluded.prompt_tokens,
    completion_tokens = excluded.completion_tokens, reasoning_tokens = excluded.reasoning_tokens,
    upstream = excluded.upstream, error = excluded.error, cached = excluded.cached,
    attempts = excluded.attempts, created_at = excluded.created_at`;

export const MIGRATIONS: readonly string[] = [
  // 1: runs, answers, verdicts, response cache
  `
  CREATE TABLE runs (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL CHECK (status IN ('running','complete','interrupted','failed')),
    suite_id    TEXT NOT NULL,
    suite_hash  TEXT NOT NULL,
    models      TEXT NOT NULL,   -- JSON array of canonical model specs
    manifest    TEXT NOT NULL    -- JSON RunManifest
  );
  CREATE TABLE responses (
    id                INTEGER PRIMARY KEY,
    run_id            TEXT NOT NULL REFERENCES runs(id),
    model             TEXT NOT NULL,
    probe_id          TEXT NOT NULL,
    lang              TEXT NOT NULL,
    sample            INTEGER NOT NULL,
    seed              INTEGER NOT NULL,
    topic             TEXT NOT NULL,
    qtype             TEXT NOT NULL,
    sensitive         INTEGER NOT NULL,
    prompt            TEXT NOT NULL,
    outcome           TEXT NOT NULL,
    text              TEXT NOT NULL,
    reasoning         TEXT,
    finish_reason     TEXT,
    latency_ms        REAL NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    reasoning_tokens  INTEGER,
    upstream          TEXT,
    error             TEXT,
    cached            INTEGER NOT NULL DEFAULT 0,
    attempts          INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    UNIQUE (run_id, model, probe_id, lang, sample)
  );
  CREATE TABLE verdicts (
    id            INTEGER PRIMARY KEY,
    response_id   INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    judge         TEXT NOT NULL,
    judge_version TEXT NOT NULL,
    label         TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    scores        TEXT NOT NULL,
    reasoning     TEXT,
    created_at    TEXT NOT NULL
  );
  CREATE INDEX verdicts_response ON verdicts(response_id);
  CREATE TABLE cache (
    key        TEXT PRIMARY KEY,
    result     TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: the matched controls of each answer's item, so contrasts pair items without the suite file
  `ALTER TABLE responses ADD COLUMN controls TEXT NOT NULL DEFAULT '[]';`,
  // 3: experimental arms: every answer belongs to an arm ('direct' is the baseline), part of its key.
  // SQLite cannot change a UNIQUE constraint in place, so the table is rebuilt (foreign keys are
  // off while migrations run, so verdicts keep pointing at the same ids).
  `
  CREATE TABLE responses_v3 (
    id                INTEGER PRIMARY KEY,
    run_id            TEXT NOT NULL REFERENCES runs(id),
    model             TEXT NOT NULL,
    arm               TEXT NOT NULL DEFAULT 'direct',
    probe_id          TEXT NOT NULL,
    lang              TEXT NOT NULL,
    sample            INTEGER NOT NULL,
    seed              INTEGER NOT NULL,
    topic             TEXT NOT NULL,
    qtype             TEXT NOT NULL,
    sensitive         INTEGER NOT NULL,
    prompt            TEXT NOT NULL,
    outcome           TEXT NOT NULL,
    text              TEXT NOT NULL,
    reasoning         TEXT,
    finish_reason     TEXT,
    latency_ms        REAL NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    reasoning_tokens  INTEGER,
    upstream          TEXT,
    error             TEXT,
    cached            INTEGER NOT NULL DEFAULT 0,
    attempts          INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    controls          TEXT NOT NULL DEFAULT '[]',
    UNIQUE (run_id, model, arm, probe_id, lang, sample)
  );
  INSERT INTO responses_v3 (id, run_id, model, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt, outcome, text,
    reasoning, finish_reason, latency_ms, prompt_tokens, completion_tokens, reasoning_tokens, upstream,
    error, cached, attempts, created_at, controls) SELECT id, run_id, model, probe_id, lang, sample, seed, topic, qtype, sensitive, prompt, outcome, text,
    reasoning, finish_reason, latency_ms, prompt_tokens, completion_tokens, reasoning_tokens, upstream,
    error, cached, attempts, created_at, controls FROM responses;
  DROP TABLE responses;
  ALTER TABLE responses_v3 RENAME TO responses;
  `,
  // 4: a person's override of a verdict, with a reason; the original verdicts are kept.
  `
  CREATE TABLE overrides (
    id          INTEGER PRIMARY KEY,
    response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    author      TEXT,
    created_at  TEXT NOT NULL
  );
  CREATE INDEX overrides_response ON overrides(response_id);
  `,
  // 5: statistics computed from a run's answers (a cache: deleting rows is always safe)
  SNAPSHOTS_TABLE,
  // 6: each answer's current verdict and override on its own row, kept by triggers, so the
  // statistics read one table instead of looking up the newest verdict and override per answer
  `
  ALTER TABLE responses ADD COLUMN cur_verdict INTEGER;
  ALTER TABLE responses ADD COLUMN cur_override INTEGER;
  ALTER TABLE responses ADD COLUMN cur_vlabel TEXT;
  ALTER TABLE responses ADD COLUMN cur_olabel TEXT;
  ALTER TABLE responses ADD COLUMN cur_fc REAL;
  ALTER TABLE responses ADD COLUMN cur_nn INTEGER;
  ALTER TABLE responses ADD COLUMN cur_ts INTEGER;
  UPDATE responses SET cur_verdict = (SELECT max(id) FROM verdicts WHERE response_id = responses.id),
    cur_override = (SELECT max(id) FROM overrides WHERE response_id = responses.id);
  UPDATE responses SET cur_vlabel = v.label, cur_fc = json_extract(v.scores, '$.factCoverage'),
    cur_nn = json_array_length(v.scores, '$.narrativeFlags'), cur_ts = json_extract(v.scores, '$.thoughtSuppressed')
    FROM verdicts v WHERE v.id = responses.cur_verdict;
  UPDATE responses SET cur_olabel = o.label FROM overrides o WHERE o.id = responses.cur_override;
  CREATE TRIGGER verdicts_current AFTER INSERT ON verdicts BEGIN
    UPDATE responses SET cur_verdict = NEW.id, cur_vlabel = NEW.label, cur_fc = json_extract(NEW.scores, '$.factCoverage'),
      cur_nn = json_array_length(NEW.scores, '$.narrativeFlags'), cur_ts = json_extract(NEW.scores, '$.thoughtSuppressed')
      WHERE id = NEW.response_id AND coalesce(cur_verdict, 0) < NEW.id;
  END;
  CREATE TRIGGER overrides_current AFTER INSERT ON overrides BEGIN
    UPDATE responses SET cur_override = NEW.id, cur_olabel = NEW.label
      WHERE id = NEW.response_id AND coalesce(cur_override, 0) < NEW.id;
  END;
  `,
];
