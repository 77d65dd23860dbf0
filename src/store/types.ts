import type { GenerateResult, OutcomeCount, ResponseRecord, Verdict } from '../core/types.js';
import type { RunManifest, RunRow, RunStatus } from '../core/manifest.js';

/** A response plus the probe metadata the statistics need, so reports never need the suite file. */
export interface StoredResponse extends ResponseRecord {
  topic: string;
  qtype: string;
  sensitive: boolean;
  /** Ids of the item's matched controls (sensitive items). */
  controls: string[];
}

export interface StoredResult {
  response: StoredResponse;
  verdict?: Verdict;
}

/** One answer with its current verdict, as exports and reports read it. */
export interface AnswerRow extends StoredResponse {
  id: number;
  label: string | null;
  judge: string | null;
  evidence: Verdict['evidence'] | null;
  scores: Verdict['scores'] | null;
}

export type { OutcomeCount } from '../core/types.js';

/** Identifies one answer within a run. */
export function answerKey(model: string, probeId: string, lang: string, sample: number): string {
  return `${model}\u0000${probeId}\u0000${lang}\u0000${sample}`;
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
  /** Adds verdicts to stored answers (by answer id), atomically; older verdicts are kept, the newest is current. */
  saveVerdicts(batch: readonly { responseId: number; verdict: Verdict }[]): Promise<void>;
  cacheGet(key: string): Promise<GenerateResult | undefined>;
  cachePut(entries: readonly { key: string; result: GenerateResult }[]): Promise<void>;
  /** Streams the answers of a run, ordered by model, probe, lang, sample. */
  answers(runId: string): AsyncIterable<AnswerRow>;
  outcomeCounts(runId: string): Promise<OutcomeCount[]>;
  close(): Promise<void>;
}
