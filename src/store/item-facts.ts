import { FACT_THRESHOLD, LABELS, OUTCOMES, REVEALING_LABELS, type Label } from '../core/types.js';
import type { ItemFacts, ItemFactsRow } from './types.js';

/*
 * Each answer is folded into one small integer in SQL, and each item's codes are concatenated:
 *   code = outcome + 8·label + 64·facts + 256·narrative + 512·trace
 *   outcome: index in OUTCOMES (7: other) · label: 1 + index in LABELS (0: none or not a label)
 *   facts: 0 no coverage, 1 coverage 0, 2 below FACT_THRESHOLD, 3 at least FACT_THRESHOLD
 *   narrative: 1 when the verdict has a narrative flag
 *   trace: 0 none, 1 flagged not suppressed, 2 flagged suppressed, 3 empty trace, 4 a trace
 * One expression per answer and one short string per item is much cheaper for the database than
 * a dozen filtered aggregates, and JavaScript decodes ~100,000 codes in a few milliseconds.
 */
const CODE = `(CASE outcome ${OUTCOMES.map((o, i) => `WHEN '${o}' THEN ${i}`).join(' ')} ELSE 7 END)
  + 8 * (CASE label ${LABELS.map((l, i) => `WHEN '${l}' THEN ${i + 1}`).join(' ')} ELSE 0 END)
  + 64 * (CASE WHEN fact_coverage IS NULL THEN 0 WHEN fact_coverage = 0 THEN 1 WHEN fact_coverage < ${FACT_THRESHOLD} THEN 2 ELSE 3 END)
  + 256 * (CASE WHEN narrative_n > 0 THEN 1 ELSE 0 END)
  + 512 * (CASE WHEN thought_suppressed = TRUE THEN 2 WHEN thought_suppressed IS NOT NULL THEN 1
      WHEN reasoning_state IS NULL THEN 0 WHEN reasoning_state = '' THEN 3 ELSE 4 END)`;

/**
 * The item aggregate over the slim facts view (`facts` selects the columns of RawFactsRow; the
 * WHERE clause for the run id is added here): one row per model × arm × probe × language, in that
 * order, with its answers' codes. Counting in the database turns 100,000 answers into ~20,000 rows.
 */
export function itemFactsSql(facts: string, dialect: 'sqlite' | 'postgres'): string {
  const pg = dialect === 'postgres';
  return `SELECT model, arm, probe_id, lang, min(topic) AS topic, min(qtype) AS qtype,
      max(sensitive) AS sensitive, min(controls) AS controls,
      ${pg ? `string_agg((${CODE})::text, ',')` : `group_concat(${CODE})`} AS codes,
      max(id) AS max_id, max(created_at) AS max_at, max(verdict_id) AS max_verdict, max(override_id) AS max_override
    FROM (${facts} WHERE r.run_id = ${pg ? '$1' : '?'}) f
    GROUP BY model, arm, probe_id, lang
    ORDER BY model, arm, probe_id, lang`;
}

/** A row of {@link itemFactsSql} as the driver returns it. */
export interface RawItemFactsRow {
  model: string;
  arm: string;
  probe_id: string;
  lang: string;
  topic: string;
  qtype: string;
  sensitive: number | boolean;
  controls: string;
  codes: string;
  max_id: Id;
  max_at: string | null;
  max_verdict: Id | null;
  max_override: Id | null;
}

type Id = number | string | bigint;

/** The columns of a fingerprint query (PostgreSQL returns bigint counts and ids as strings). */
export interface RawFingerprint {
  n: Id;
  id: Id | null;
  at: string | null;
  verdict: Id | null;
  override: Id | null;
}

/** The one text form of a run fingerprint, whichever query and driver produced it. */
export function fingerprintOf(f: RawFingerprint): string {
  const num = (x: Id | null): string => (x === null ? '-' : String(Number(x)));
  return `${num(f.n)}|${num(f.id)}|${f.at ?? '-'}|${num(f.verdict)}|${num(f.override)}`;
}

const REVEALING = new Set(REVEALING_LABELS.map((l) => LABELS.indexOf(l) + 1));

/**
 * Decodes rows, parsing each distinct controls list once. The fingerprint is the run's, as
 * RunStore.fingerprint gives it, of exactly the answers counted (one statement, one snapshot).
 */
export function rowsToItemFacts(rows: readonly RawItemFactsRow[]): ItemFacts {
  const controls = new Map<string, string[]>();
  const f: { n: number; id: number | null; at: string | null; verdict: number | null; override: number | null } = { n: 0, id: null, at: null, verdict: null, override: null };
  const max = (a: number | null, b: Id | null): number | null => (b === null ? a : a === null ? Number(b) : Math.max(a, Number(b)));
  const items = rows.map((r) => {
    f.id = max(f.id, r.max_id);
    f.verdict = max(f.verdict, r.max_verdict);
    f.override = max(f.override, r.max_override);
    if (r.max_at !== null && (f.at === null || r.max_at > f.at)) f.at = r.max_at;
    let c = controls.get(r.controls);
    if (!c) controls.set(r.controls, (c = JSON.parse(r.controls) as string[]));
    const row: ItemFactsRow = {
      model: r.model, arm: r.arm, probeId: r.probe_id, lang: r.lang, topic: r.topic, qtype: r.qtype,
      sensitive: r.sensitive === 1 || r.sensitive === true, controls: c, draws: 0,
      outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as ItemFactsRow['outcomes'],
      labels: Object.fromEntries(LABELS.map((l) => [l, 0])) as ItemFactsRow['labels'],
      factJudged: 0, omitted: 0, narrative: 0, revealed: 0, traced: 0, suppressed: 0,
    };
    for (const s of r.codes.split(',')) addCode(row, Number(s));
    f.n += row.draws;
    return row;
  });
  return { items, fingerprint: fingerprintOf(f) };
}

function addCode(row: ItemFactsRow, code: number): void {
  const outcome = code & 7;
  const label = (code >> 3) & 7;
  const facts = (code >> 6) & 3;
  const trace = code >> 9;
  row.draws++;
  if (outcome < OUTCOMES.length) row.outcomes[OUTCOMES[outcome]!]++;
  if (outcome !== 0 || label === 0) return;
  row.labels[LABELS[label - 1] as Label]++;
  if (facts > 0) row.factJudged++;
  if (facts === 1 || facts === 2) row.omitted++;
  if (code & 256) row.narrative++;
  if (facts === 3 || (REVEALING.has(label) && facts !== 1)) row.revealed++;
  if (trace > 0) row.traced++;
  if (trace === 2 || trace === 3) row.suppressed++;
}

/** 1 for an answered answer (outcome ok, current label ANSWERED), else 0: samples take the 0s first. */
const PLAIN = `CASE WHEN r.outcome = 'ok' AND coalesce(o.label, v.label) = 'ANSWERED' THEN 1 ELSE 0 END`;

/**
 * The transcript sample of a report (`RunStore.sampleAnswers`): per model × topic, the first
 * `perCell` answers of every arm, answers that are not ANSWERED first, then in `answers` order;
 * returned by model, topic, probe, language, draw. `current` is the store's newest-verdict and
 * override join, `answerSelect` its full-row SELECT (with that join); `collate` orders text
 * byte-wise in PostgreSQL as SQLite does.
 */
export function sampleAnswersSql(current: string, answerSelect: string, dialect: 'sqlite' | 'postgres'): string {
  const pg = dialect === 'postgres';
  const [run, limit] = pg ? ['$1', '$2'] : ['?', '?'];
  const c = pg ? ' COLLATE "C"' : '';
  return `${answerSelect} WHERE r.id IN (
      SELECT id FROM (
        SELECT r.id, row_number() OVER (PARTITION BY r.model, r.topic
          ORDER BY ${PLAIN}, r.model, r.arm, r.probe_id, r.lang, r.sample) AS rn
        FROM responses r ${current} WHERE r.run_id = ${run}) ranked
      WHERE rn <= ${limit})
    ORDER BY r.model${c}, r.topic${c}, r.probe_id${c}, r.lang${c}, r.sample, ${PLAIN}, r.arm${c}`;
}
