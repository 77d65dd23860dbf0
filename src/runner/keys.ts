import { hashOf, sha256 } from '../core/hash.js';
import type { ChatMessage } from '../core/types.js';

/**
 * The seed of one draw, derived from the run seed and the draw's identity, so a resumed
 * or repeated run asks with the same seed and each draw gets a distinct one.
 */
export function drawSeed(runSeed: number, probeId: string, lang: string, sample: number): number {
  return parseInt(sha256(`${runSeed}\u0000${probeId}\u0000${lang}\u0000${sample}`).slice(0, 8), 16) & 0x7fffffff;
}

/**
 * Response-cache key: everything that changes the output and nothing else
 * (no secrets, timeouts, concurrency or run id).
 */
export function cacheKey(parts: {
  kind: string;
  model: string;
  endpoint: string;
  messages: ChatMessage[];
  temperature: number | undefined;
  maxTokens: number;
  seed: number;
  sample: number;
}): string {
  return hashOf(parts);
}
