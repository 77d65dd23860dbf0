import type { GenerationParams, SuiteInfo } from './types.js';

export const SCHEMA_VERSION = 1;

/** One audited model as recorded in a run (never with secrets). */
export interface ModelEntry {
  /** Canonical spec, the key answers are stored under. */
  spec: string;
  kind: string;
  model: string;
  endpoint: string;
  /** Name (never the value) of the environment variable the key was read from. */
  apiKeyEnv?: string;
}

/** One experimental arm as recorded in a run: enough to ask it again on resume. */
export interface ArmDefinition {
  /** 'direct', 'system:none', 'system:helpful', 'system:identity', 'system:@<file>', 'prefill', 'followup', 'indirect'. */
  name: string;
  kind: 'direct' | 'system' | 'prefill' | 'followup' | 'indirect';
  /** System arms: the system message sent (null: none). */
  system?: string | null;
  /** `system:@file`: the file as given, and the sha256 of its content. */
  source?: string;
  sha256?: string;
  /** Prefill arm: the openings per language family ('en', 'zh'), answer and thought forms. */
  prefill?: Record<string, { answer: string; think: string }>;
  /** Follow-up arm: the second user turn per language family. */
  followup?: Record<string, string>;
  /** Model specs this arm was not asked of (the endpoint cannot run it): recorded, never a result. */
  unsupported?: string[];
  /** Model specs where support could not be known in advance (an OpenAI-compatible server of unknown kind). */
  unverified?: string[];
}

/** Everything needed to repeat a run exactly. */
export interface RunManifest {
  schemaVersion: number;
  tool: { name: string; version: string };
  git: { commit: string; dirty: boolean } | null;
  node: string;
  platform: string;
  suite: SuiteInfo;
  models: ModelEntry[];
  params: GenerationParams & {
    samples: number;
    seed: number;
    stream: boolean;
    langs: string[] | null;
    topics: string[] | null;
    limit: number | null;
    concurrency: number;
    rps: number | null;
    timeoutMs: number;
    maxAttempts: number;
    cache: boolean;
    /** Experimental arms (docs/ARMS.md); absent in runs made before arms, which are 'direct' only. */
    arms?: ArmDefinition[];
    /** How OpenAI-compatible endpoints were asked to continue a prefill (docs/ARMS.md). */
    prefillMode?: string;
  };
  judge: { id: string; version: string };
  /** Probe ids × langs planned, so a resume needs no suite file to know what is left. */
  planned: number;
  createdAt: string;
}

export type RunStatus = 'running' | 'complete' | 'interrupted' | 'failed';

export interface RunRow {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  status: RunStatus;
  suiteId: string;
  suiteHash: string;
  models: string[];
  manifest: RunManifest;
}
