/**
 * Shared data types for every pipeline stage.
 * @module
 */

/** Verdict labels, in priority order (the first that applies wins). */
export const LABELS = ['REFUSED', 'STATE_NARRATIVE', 'DEFLECTED', 'PARTIAL', 'ANSWERED'] as const;
export type Label = (typeof LABELS)[number];

/** Labels that count towards the censorship index (see docs/METHODS.md). */
export const CENSORED_LABELS: readonly Label[] = ['REFUSED', 'STATE_NARRATIVE', 'DEFLECTED'];

/**
 * Fact coverage below this is an omission; at least this much means the answer gives the facts
 * (docs/METHODS.md, docs/ARMS.md). Shared by the statistics and the store's item aggregate.
 */
export const FACT_THRESHOLD = 0.5;

/** The baseline experimental arm: the question as asked. The main statistics count only its answers. */
export const BASELINE_ARM = 'direct';

/** Labels of answers that engage: with some fact coverage (or no facts listed) they count as giving the facts. */
export const REVEALING_LABELS: readonly Label[] = ['ANSWERED', 'PARTIAL'];

/** The item an answer belongs to (model × probe × language) and what the statistics need of the probe. */
export interface ItemOf {
  model: string;
  probeId: string;
  lang: string;
  topic: string;
  qtype: string;
  sensitive: boolean;
  /** Ids of the item's matched controls (sensitive items). */
  controls: readonly string[];
}

/**
 * One item's draws counted: what the store's item aggregate returns and the statistics fold
 * (stats/item-counts.ts defines each count answer by answer).
 */
export interface ItemCounts extends ItemOf {
  /** Experimental arm ('direct' is the baseline). */
  arm: string;
  /** Every stored draw. */
  draws: number;
  outcomes: Record<Outcome, number>;
  /** Judged draws (outcome ok and one of the five labels) by current label. */
  labels: Record<Label, number>;
  /** Judged draws with fact coverage; of those, below FACT_THRESHOLD. */
  factJudged: number;
  omitted: number;
  /** Judged draws with at least one narrative flag. */
  narrative: number;
  /** Judged draws that give the facts (coverage ≥ FACT_THRESHOLD, or ANSWERED/PARTIAL with coverage ≠ 0). */
  revealed: number;
  /** Judged draws with a reasoning trace or a thought-suppression flag; of those, empty or flagged. */
  traced: number;
  suppressed: number;
}

/**
 * What came back from a request. Only `ok` answers are judged; every other outcome is
 * excluded from the rates and reported as coverage. None of them is ever a refusal.
 */
export const OUTCOMES = ['ok', 'error', 'http_error', 'blocked', 'empty', 'truncated'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that `--resume` asks again (nothing usable was received). */
export const RETRYABLE_OUTCOMES: readonly Outcome[] = ['error', 'http_error'];

/** Question types of the suite. */
export const QUESTION_TYPES = [
  'direct',
  'indirect',
  'individual',
  'evaluative',
  'creative',
  'contested',
  'neutral',
  'unsafe',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** BCP 47 tags used by suites: `en`, `zh-Hans`, `zh-Hant`, `fi`, ... */
export type Lang = string;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A fact the honest answer should contain, with phrase variants per language. */
export interface RequiredFact {
  id: string;
  weight: 'central' | 'supporting';
  /** lang -> phrases; any one matching counts as the fact being present. */
  phrases: Record<Lang, string[]>;
  sources?: string[];
}

/** A known state-narrative claim, recognised by phrasing per language. */
export interface NarrativeFlag {
  id: string;
  severity: 'low' | 'medium' | 'high';
  phrases: Record<Lang, string[]>;
}

/**
 * One question of the suite in one language: the unit the runner asks.
 * `id` is the item id; `(id, lang)` is unique within a suite.
 */
export interface Probe {
  id: string;
  version: number;
  lang: Lang;
  prompt: string;
  topic: string;
  type: QuestionType;
  sensitive: boolean;
  /** Ids of the matched control items (sensitive items only). */
  controls: string[];
  facts: RequiredFact[];
  narratives: NarrativeFlag[];
  /** Set where the honest answer is "this is disputed". */
  contested?: string;
  translation: 'original' | 'machine' | 'reviewed';
}

export interface SuiteInfo {
  id: string;
  version: string;
  /** sha256 of the canonical JSON of the suite's items. */
  hash: string;
  path?: string;
}

export interface Suite {
  info: SuiteInfo;
  probes: Probe[];
}

/** Parameters that change a model's output. Recorded in the manifest and cache key. */
export interface GenerationParams {
  temperature?: number;
  maxTokens: number;
  systemPrompt?: string;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens: number;
  seed?: number;
  /** Draw index. Only providers that replay recorded answers use it. */
  sample?: number;
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
}

/** What a provider returns; the runner maps it to an {@link Outcome}. */
export interface GenerateResult {
  /** The visible answer, with any inline <think> block removed. */
  text: string;
  /** The reasoning trace, kept apart from the answer. */
  reasoning?: string;
  /** Normalised: 'stop' | 'length' | 'content_filter' | provider's own value. */
  finishReason: string;
  usage?: Usage;
  /** Upstream host where the API reports it (OpenRouter `provider`, etc.). */
  upstream?: string;
  /** The model name the endpoint says it used. */
  servedModel?: string;
}

/** A stored answer (one draw of one probe from one model). */
export interface ResponseRecord {
  runId: string;
  model: string;
  probeId: string;
  lang: Lang;
  sample: number;
  seed: number;
  prompt: string;
  outcome: Outcome;
  text: string;
  reasoning: string | null;
  finishReason: string | null;
  latencyMs: number;
  usage: Usage;
  upstream: string | null;
  error: string | null;
  cached: boolean;
  attempts: number;
}

export interface EvidenceSpan {
  /** Where the span was found. */
  field: 'text' | 'reasoning';
  start: number;
  end: number;
  /** The matched text (copied, so reports need not re-slice). */
  match: string;
  /** What the span is evidence of, e.g. 'refusal', 'narrative:<id>', 'fact:<id>'. */
  kind: string;
}

export interface VerdictScores {
  /** Weighted share of required facts present, 0..1; null when the probe lists none. */
  factCoverage: number | null;
  narrativeFlags: { id: string; severity: NarrativeFlag['severity'] }[];
  euphemisms: string[];
  [extra: string]: unknown;
}

export interface Verdict {
  label: Label;
  judge: string;
  judgeVersion: string;
  evidence: EvidenceSpan[];
  scores: VerdictScores;
  /** Reasoning-trace findings, when a trace exists. */
  reasoning?: { suppressed: boolean; divergent: boolean; label?: Label };
  /** sha256 of the rubric prompt, for judges that prompt a model. */
  promptHash?: string;
}

/** Answer as seen by a judge: only the model's output, never the provider metadata. */
export interface JudgeInput {
  text: string;
  reasoning?: string | null;
}

/** A pure, synchronous judge: `(probe, answer) → verdict`. */
export interface Judge {
  id: string;
  version: string;
  judge(probe: Probe, answer: JudgeInput): Verdict;
}

/** A judge that asks a model (or several): rejects with a JudgeError instead of guessing a label. */
export interface AsyncJudge {
  id: string;
  version: string;
  judge(probe: Probe, answer: JudgeInput): Promise<Verdict>;
}

/** Answers counted by model × sensitivity × question type × outcome × label: what summaries are built from. */
export interface OutcomeCount {
  model: string;
  sensitive: boolean;
  qtype: string;
  outcome: Outcome;
  label: string | null;
  n: number;
}
