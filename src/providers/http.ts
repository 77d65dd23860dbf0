import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { ConfigError } from '../core/errors.js';
import { statusError } from './http-errors.js';
import type { HeaderBag } from './http-errors.js';

export interface HttpResponse {
  status: number;
  headers: HeaderBag;
  body: Dispatcher.ResponseData['body'];
  /** The response's media type, lower-cased, without parameters. */
  contentType: string;
}

/**
 * One keep-alive connection pool to one origin. Uses undici's `request`, which is several
 * times cheaper per call than `fetch`. Timeouts are the caller's: it aborts through `signal`.
 */
export interface HttpClient {
  /** `scheme://host:port`, the concurrency key of the providers using it. */
  readonly origin: string;
  /** POST JSON to `path` (joined to the base URL's path). */
  postJson(path: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse>;
  get(path: string, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** Parse a base URL, rejecting what is not http(s). */
export function parseBaseUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ConfigError(`invalid endpoint URL '${base}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`invalid endpoint URL '${base}': only http and https are supported`);
  }
  return url;
}

/** The origin (`scheme://host:port`, with the default port made explicit) of a base URL. */
export function originOf(base: string): string {
  const url = parseBaseUrl(base);
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.protocol}//${url.hostname}:${port}`;
}

export function createHttpClient(base: string): HttpClient {
  const url = parseBaseUrl(base);
  const basePath = url.pathname.replace(/\/+$/, '');
  const pool = new Pool(url.origin, {
    // The runner's signal is the only timeout: reasoning models may think for many minutes.
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 10_000,
  });

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    const res = await pool.request({ method, path: basePath + path, headers, body, signal });
    const type = res.headers['content-type'];
    const contentType = (Array.isArray(type) ? type[0] : type)?.split(';')[0]?.trim().toLowerCase() ?? '';
    return { status: res.statusCode, headers: res.headers, body: res.body, contentType };
  }

  return {
    origin: originOf(base),
    postJson: (path, body, headers, signal) =>
      send('POST', path, JSON.stringify(body), { 'content-type': 'application/json', ...headers }, signal),
    get: (path, headers, signal) => send('GET', path, undefined, headers, signal),
    // destroy, not close: close() would wait for requests still in flight (e.g. after Ctrl-C).
    close: () => pool.destroy(),
  };
}

/** Read the whole body as text. */
export function readText(res: HttpResponse): Promise<string> {
  return res.body.text();
}

/** Throw the classified ProviderError for a non-2xx response (reading its body for the message). */
export async function throwForStatus(res: HttpResponse): Promise<void> {
  if (res.status >= 200 && res.status < 300) return;
  const text = await readText(res);
  throw statusError(res.status, res.headers, text);
}
