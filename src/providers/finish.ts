const STOP = new Set(['stop', 'eos', 'end_turn', 'stop_sequence', 'end']);
const LENGTH = new Set(['length', 'max_tokens', 'model_length', 'max_output_tokens']);
const FILTER = new Set(['content_filter', 'refusal', 'safety', 'recitation', 'blocked']);

/**
 * Map a provider's stop reason to 'stop' | 'length' | 'content_filter', or keep its own value.
 * A missing reason becomes 'unknown' (the stream ended without saying why).
 */
export function normaliseFinishReason(raw: string | null | undefined): string {
  if (raw === undefined || raw === null || raw === '') return 'unknown';
  const key = raw.toLowerCase();
  if (STOP.has(key)) return 'stop';
  if (LENGTH.has(key)) return 'length';
  if (FILTER.has(key)) return 'content_filter';
  return raw;
}
