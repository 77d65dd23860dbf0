import { Redis } from 'ioredis';
import { abortableSleep } from '../runner/retry.js';
import type { RunStore } from '../store/types.js';
import { redisKeys } from './keys.js';

export interface FollowProgress {
  /** Answers stored (any outcome), those stored before this round included. */
  done: number;
  /** Jobs BullMQ gave up on: no answer stored. */
  failed: number;
  total: number;
}

export interface FollowOptions {
  redisUrl: string;
  store: RunStore;
  runId: string;
  total: number;
  signal: AbortSignal;
  onProgress?: (p: FollowProgress) => void;
  pollMs?: number;
}

/**
 * Waits until every planned answer of a run is stored or given up on, reporting progress, then
 * marks the run complete (or failed, if any job was given up on). Returns early, leaving the
 * run to the workers, when `signal` aborts (`interrupted` true).
 */
export async function followRun(o: FollowOptions): Promise<FollowProgress & { interrupted: boolean }> {
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  let last = -1;
  try {
    for (;;) {
      const [done, failed] = await Promise.all([redis.scard(redisKeys.done(o.runId)), redis.scard(redisKeys.failed(o.runId))]);
      const p = { done, failed, total: o.total };
      if (done + failed !== last) {
        last = done + failed;
        o.onProgress?.(p);
      }
      if (done + failed >= o.total) {
        await o.store.setRunStatus(o.runId, failed > 0 ? 'failed' : 'complete');
        return { ...p, interrupted: false };
      }
      await abortableSleep(o.pollMs ?? 250, o.signal);
      if (o.signal.aborted) return { ...p, interrupted: true };
    }
  } finally {
    redis.disconnect();
  }
}
