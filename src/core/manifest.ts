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
