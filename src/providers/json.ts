import { ProviderError } from '../core/errors.js';

/** Tiny readers for untrusted JSON; cheaper than a schema on the hot path. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getObject(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = obj?.[key];
  return isObject(v) ? v : undefined;
}

export function getString(obj: JsonObject | undefined, key: string): string | undefined {
  const v = obj?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function getNumber(obj: JsonObject | undefined, key: string): number | undefined {
  const v = obj?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * A 'protocol' error: the endpoint answered something we cannot read (bad JSON, an HTML page
 * with status 200, empty choices, a stream with no end). Usually a gateway's passing fault, so
 * it is retried; an endpoint that never answers readably is stopped by the runner's breaker.
 */
export function protocolError(message: string, cause?: unknown): ProviderError {
  return new ProviderError(message, { kind: 'protocol', retryable: true, cause });
}

/** Parse a response body that must be a JSON object. */
export function parseJsonObject(text: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw protocolError(`${what} is not valid JSON: ${snippet(text)}`, e);
  }
  if (!isObject(value)) throw protocolError(`${what} is not a JSON object: ${snippet(text)}`);
  return value;
}

/** Shorten text for messages (~500 chars). */
export function snippet(text: string, max = 500): string {
  const flat = text.trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
