import { AuditError } from '../core/errors.js';
import type { RunRow } from '../core/manifest.js';
import type { RunStore } from '../store/types.js';
import type { AnalysisCache } from './analysis-cache.js';

/** What every route reads: injected, never module state. */
export interface ServerContext {
  store: RunStore;
  cache: AnalysisCache;
  /** Per-server random token every form carries back. */
  csrf: string;
  now: () => Date;
}

/** A request the server refuses with an HTTP status (400, 403, 404) and a message safe to show. */
export class HttpError extends AuditError {
  override readonly code = 'EHTTP';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The run named by a route parameter (id, prefix or 'latest'), or a 404. */
export async function runOr404(store: RunStore, ref: string): Promise<RunRow> {
  let run: RunRow | undefined;
  try {
    run = await store.getRun(ref);
  } catch (e) {
    throw new HttpError(404, (e as Error).message);
  }
  if (!run) throw new HttpError(404, `no run '${ref}'`);
  return run;
}

/** A positive integer id from a route parameter, or a 404. */
export function idOr404(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(404, 'no such answer');
  return Number(raw);
}
