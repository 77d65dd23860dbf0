import type { GenerateResult, Outcome } from '../core/types.js';

/**
 * Maps a provider's answer to an outcome. A cut by the token limit, a content filter
 * and an empty answer are their own outcomes, never refusals.
 */
export function outcomeOf(result: GenerateResult): Outcome {
  if (result.finishReason === 'content_filter') return 'blocked';
  if (result.finishReason === 'length') return 'truncated';
  if (result.text.trim() === '') return 'empty';
  return 'ok';
}
