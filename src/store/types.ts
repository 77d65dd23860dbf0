import type { GenerateResult, ItemCounts, OutcomeCount, ResponseRecord, Verdict } from '../core/types.js';
import type { RunManifest, RunRow, RunStatus } from '../core/manifest.js';

/** A response plus the probe metadata the statistics need, so reports never need the suite file. */
export interface StoredResponse extends ResponseRecord {
  topic: string;
  qtype: string;
  sensitive: boolean;
  /** Ids of the item's matched controls (sensitive items). */
  controls: string[];
  /** Experimental arm ('direct' is the baseline); part of the answer's key. */
  arm: string;
}

export interface StoredResult {
  response: StoredResponse;
  verdict?: Verdict;
}

/** One answer with its current verdict, as exports and reports read it. */
export interface AnswerRow extends StoredResponse {
  id: number;
  /** The current label: a person's override where there is one, else the newest verdict's. */
  label: string | null;
  /** The newest verdict's label, whatever any override says. */
  judgeLabel: string | null;
  override: Override | null;
  judge: string | null;
  evidence: Verdict['evidence'] | null;
  scores: Verdict['scores'] | null;
}

export type { OutcomeCount } from '../core/types.js';

/**
 * The slim view of an answer that statistics read: no text, reasoning or evidence, so a
 * 100,000-answer run streams in a fraction of the time. `reasoning` only tells whether a trace
 * exists: null (none), '' (empty or blank) or '…' (non-empty).
 */
export interface AnswerFactsRow {
  id: number;
  model: string;
  arm: string;
  probeId: string;
  lang: string;
  sample: number;
  topic: string;
  qtype: string;
  sensitive: boolean;
  controls: string[];
  outcome: AnswerRow['outcome'];
  /** The current label (an override where there is one). */
  label: string | null;
  scores: { factCoverage: number | null; narrativeFlags: unknown[]; thoughtSuppressed?: boolean } | null;
  reasoning: string | null;
}

/** One item of a run (model × arm × probe id × language) with its draws counted, aggregated by the store. */
export interface ItemFactsRow extends ItemCounts {
  controls: string[];
}

/** A run's item aggregate and the run fingerprint of exactly the answers it counted. */
export interface ItemFacts {
  items: ItemFactsRow[];
  fingerprint: string;
}

/** A person's correction of a verdict; the verdict itself is kept. */
export interface Override {
  label: string;
  reason: string;
  author: string | null;
  createdAt: string;
}

/** Identifies one answer within a run. */
export function answerKey(model: string, probeId: string, lang: string, sample: number, arm = 'direct'): string {
  return `${model}\u0000${arm}\u0000${probeId}\u0000${lang}\u0000${sample}`;
}

/** Narrows a page of answers; every field is an exact match (label: the current label). */
export interface AnswerFilter {
  model?: string;
  arm?: string;
  topic?: string;
  lang?: string;
  label?: string;
  outcome?: string;
}

/**
 * Where runs, answers, verdicts and the response cache live. SQLite is the default;
 * every method is async so a networked store can implement the same contract.
 */
export interface RunStore {
  createRun(manifest: RunManifest, id?: string): Promise<RunRow>;
  /** By id, unique id prefix, or 'latest'. */
  getRun(ref: string): Promise<RunRow | undefined>;
  /** Newest first. */
  listRuns(): Promise<RunRow[]>;
  setRunStatus(id: string, status: RunStatus): Promise<void>;
  /** Keys (see answerKey) of answers that need not be asked again. */
  doneKeys(runId: string): Promise<Set<string>>;
  /** Insert or replace answers (by key) with their verdicts, atomically. */
  saveResults(batch: readonly StoredResult[]): Promise<void>;
  /**
   * `saveResults` and `cachePut` in one transaction, with a few statements however many rows
   * (queue workers write their answers in batches). Of two answers or cache entries with the
   * same key, the later is kept.
   */
  saveBatch?(batch: readonly StoredResult[], cache: readonly { key: string; result: GenerateResult }[]): Promise<void>;
  /** Adds verdicts to stored answers (by answer id), atomically; older verdicts are kept, the newest is current. */
  saveVerdicts(batch: readonly { responseId: number; verdict: Verdict }[]): Promise<void>;
  cacheGet(key: string): Promise<GenerateResult | undefined>;
  cachePut(entries: readonly { key: string; result: GenerateResult }[]): Promise<void>;
  /** Streams the slim facts of a run's answers (what the statistics read), in `answers()` order. */
  answerFacts(runId: string): AsyncIterable<AnswerFactsRow>;
  /** The run's answers counted per item (model × arm × probe × language), ordered by that key. */
  itemFacts(runId: string): Promise<ItemFacts>;
  /**
   * A short string that changes whenever an answer, verdict or override of the run is added or an
   * answer is re-saved; caches of a run's statistics are keyed by it. Writes to other runs leave it.
   */
  fingerprint(runId: string): Promise<string>;
  /**
   * O(1): a token that stays the same while no other connection or process has written to the
   * store, so a cache can skip the per-run fingerprint (writes through this store object are the
   * caller's own to track). Stores without such a token return undefined.
   */
  changeToken(): Promise<string | undefined>;
  /**
   * A value computed from a run's answers (e.g. its statistics), with the run fingerprint it was
   * computed at; one per run and `kind`. A cache: callers compare the fingerprint before use.
   */
  getSnapshot(runId: string, kind: string): Promise<{ fingerprint: string; body: string } | undefined>;
  /** Stores or replaces the snapshot of `kind` for the run. */
  putSnapshot(runId: string, kind: string, fingerprint: string, body: string): Promise<void>;
  /** Streams the answers of a run, ordered by model, probe, lang, sample. */
  answers(runId: string): AsyncIterable<AnswerRow>;
  outcomeCounts(runId: string): Promise<OutcomeCount[]>;
  /** One answer with its current label, or undefined. */
  getAnswer(id: number): Promise<AnswerRow | undefined>;
  /** One page of a run's answers matching `filter`, in `answers` order, and how many match in all. */
  answersPage(runId: string, filter: AnswerFilter, offset: number, limit: number): Promise<{ rows: AnswerRow[]; total: number }>;
  /**
   * A report's transcript sample: per model × topic at most `perCell` answers (any arm), answers
   * not ANSWERED first (refusals, deflections, narratives, excluded outcomes), then in `answers`
   * order; returned ordered by model, topic, probe id, language, draw.
   */
  sampleAnswers(runId: string, perCell: number): Promise<AnswerRow[]>;
  /** Every answer of a run to one item (probe id), all models, arms, languages and draws, in `answers` order. */
  answersForProbe(runId: string, probeId: string): Promise<AnswerRow[]>;
  /** Records a person's override of an answer's label; statistics use it from then on. */
  addOverride(o: { responseId: number; label: string; reason: string; author?: string }): Promise<void>;
  close(): Promise<void>;
}
