import type { Label, Outcome } from '../core/types.js';

/** What the runner reports while it works; the CLI renders these, the library never prints. */
export type RunEvent =
  | { type: 'start'; runId: string; total: number; skipped: number }
  | { type: 'answer'; model: string; arm?: string; probeId: string; lang: string; outcome: Outcome; label?: Label; cached: boolean; done: number; total: number }
  | { type: 'retry'; model: string; probeId: string; attempt: number; delayMs: number; error: string }
  | { type: 'end'; done: number; total: number; interrupted: boolean };
