import { ProviderError } from '../core/errors.js';
import { getObject, getString, isObject, snippet } from './json.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

const RETRYABLE_STATUS = new Set([408, 409, 425, 429]);

/** Socket-level failures worth another try. */
const TRANSPORT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Milliseconds to wait from `retry-after-ms`, or `Retry-After` as seconds or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = header(headers, 'retry-after')?.trim();
  if (ra === undefined || ra === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return Math.round(Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The human message inside an error body: OpenAI `error.message`, Ollama `error`, FastAPI `detail`, ... */
export function errorMessageFromBody(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return snippet(text);
  }
  if (!isObject(body)) return snippet(text);
  const err = body['error'];
  if (typeof err === 'string') return snippet(err);
  const msg = getString(getObject(body, 'error'), 'message') ?? getString(body, 'message') ?? getString(body, 'detail');
  return snippet(msg ?? text);
}

/** A ProviderError for an HTTP status with its body's message. */
export function statusError(status: number, headers: HeaderBag, bodyText: string): ProviderError {
  const location = status >= 300 && status < 400 ? headers['location'] : undefined;
  const detail = location !== undefined ? `redirected to ${String(location)}; give that URL as the endpoint` : errorMessageFromBody(bodyText);
  const message = `HTTP ${status}${detail === '' ? '' : `: ${detail}`}`;
  const retryAfterMs = parseRetryAfter(headers);
  if (status === 401 || status === 403) {
    return new ProviderError(message, { kind: 'auth', status, retryable: false, retryAfterMs });
  }
  const retryable = RETRYABLE_STATUS.has(status) || status >= 500;
  return new ProviderError(message, { kind: 'http', status, retryable, retryAfterMs });
}

function errorCode(e: unknown): string | undefined {
  if (!isObject(e) && !(e instanceof Error)) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (e as { cause?: unknown }).cause;
  return cause !== undefined && cause !== e ? errorCode(cause) : undefined;
}

function errorName(e: unknown): string | undefined {
  return e instanceof Error || isObject(e) ? String((e as { name?: unknown }).name ?? '') : undefined;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Classify an abort by its reason: a TimeoutError is a timeout (retryable), anything else a stop. */
export function abortError(reason: unknown): ProviderError {
  if (errorName(reason) === 'TimeoutError') {
    return new ProviderError(`request timed out: ${describe(reason)}`, { kind: 'timeout', retryable: true, cause: reason });
  }
  return new ProviderError(`request aborted: ${describe(reason)}`, { kind: 'aborted', retryable: false, cause: reason });
}

/**
 * Map anything a request threw to a ProviderError. Pass the request's `signal` so an abort
 * is classified by its reason even when the library wrapped it.
 */
export function toProviderError(e: unknown, ctx: { signal?: AbortSignal; secret?: string } = {}): ProviderError {
  return redact(classify(e, ctx.signal), ctx.secret);
}

function classify(e: unknown, signal: AbortSignal | undefined): ProviderError {
  if (e instanceof ProviderError) return e;
  if (signal?.aborted) return abortError(signal.reason);
  const name = errorName(e);
  if (name === 'TimeoutError') return abortError(e);
  const code = errorCode(e);
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return abortError(e);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new ProviderError(`request timed out (${code}): ${describe(e)}`, { kind: 'timeout', retryable: true, cause: e });
  }
  if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') {
    return new ProviderError(`request aborted: the provider was closed (${code})`, { kind: 'aborted', retryable: false, cause: e });
  }
  if (code !== undefined && /CERT|TLS|SSL/.test(code)) {
    return new ProviderError(`TLS failure (${code}): ${describe(e)}`, { kind: 'transport', retryable: false, cause: e });
  }
  if (code !== undefined && (TRANSPORT_CODES.has(code) || /^E[A-Z_]+$/.test(code))) {
    return new ProviderError(`connection failed (${code}): ${describe(e)}`, { kind: 'transport', retryable: true, cause: e });
  }
  return new ProviderError(`unexpected error: ${describe(e)}`, { kind: 'protocol', retryable: false, cause: e });
}

/** Never let a key echoed back by an endpoint reach a message. */
function redact(err: ProviderError, secret: string | undefined): ProviderError {
  if (secret === undefined || secret.length < 4 || !err.message.includes(secret)) return err;
  return new ProviderError(err.message.split(secret).join('[redacted]'), {
    kind: err.kind,
    status: err.status,
    retryable: err.retryable,
    retryAfterMs: err.retryAfterMs,
    cause: err.cause,
  });
}
