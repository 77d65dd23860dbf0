/**
 * Resumable, checksum-verified download of one file: bytes go to `<dest>.part` (continued with an
 * HTTP Range request after a cut), the whole file is hashed, and only a matching sha256 is renamed
 * to `dest`. A mismatch deletes the part file.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ConfigError, ProviderError } from '../core/errors.js';
import { networkError } from './hf-resolve.js';
import type { LocalModelEvent } from './types.js';

export interface DownloadTarget {
  url: string;
  dest: string;
  sha256: string;
  size: number | undefined;
  /** Shown in events and messages. */
  label: string;
  /** For messages: the repository. */
  repo: string;
  headers?: Record<string, string>;
}

export interface DownloadOptions {
  onEvent?: (e: LocalModelEvent) => void;
  signal?: AbortSignal;
  /** Connection attempts, each continuing where the last stopped. Default 5. */
  attempts?: number;
  /** Progress events at most every this many bytes. Default 1 MiB. */
  progressEvery?: number;
}

/** Download `t.url` to `t.dest`; resolves with the file's size once its sha256 matched. */
export async function downloadVerified(t: DownloadTarget, o: DownloadOptions = {}): Promise<number> {
  const part = `${t.dest}.part`;
  await mkdir(dirname(t.dest), { recursive: true });
  const attempts = o.attempts ?? 5;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      if (await fetchInto(t, part, o)) break;
    } catch (e) {
      if (e instanceof ConfigError || (e instanceof ProviderError && !e.retryable) || o.signal?.aborted) throw e;
      lastError = e;
      if (attempt === attempts) throw e instanceof ProviderError ? e : networkError(t.url, t.repo, e);
      o.onEvent?.({ type: 'download-retry', file: t.label, attempt, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const have = await sizeOf(part);
  if (t.size !== undefined && have !== t.size) {
    throw new ProviderError(`${t.label}: download incomplete (${have} of ${t.size} bytes) after ${attempts} attempts; run again to continue`, { kind: 'transport', retryable: false, cause: lastError });
  }
  const actual = await sha256File(part);
  if (actual !== t.sha256) {
    await rm(part, { force: true });
    throw new ProviderError(`${t.label}: checksum mismatch (sha256 ${actual}, expected ${t.sha256}); the partial file ${part} was deleted, run again to download afresh`, { kind: 'protocol', retryable: false });
  }
  await rename(part, t.dest);
  o.onEvent?.({ type: 'download-done', file: t.label, path: t.dest, bytes: have });
  return have;
}

/** One connection. Returns true when the part file holds the whole body. */
async function fetchInto(t: DownloadTarget, part: string, o: DownloadOptions): Promise<boolean> {
  let have = await sizeOf(part);
  if (t.size !== undefined && have > t.size) {
    await truncate(part, 0);
    have = 0;
  }
  if (t.size !== undefined && have === t.size) return true;
  const headers: Record<string, string> = { ...t.headers, ...(have > 0 && { range: `bytes=${have}-` }) };
  let res: Response;
  try {
    res = await fetch(t.url, { headers, ...(o.signal && { signal: o.signal }) });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    throw networkError(t.url, t.repo, e);
  }
  if (res.status === 416 && have > 0) {
    // The server has nothing past what we hold: start over (the checksum decides in the end).
    await res.body?.cancel();
    await truncate(part, 0);
    throw new ProviderError(`${t.label}: the server refused to continue at byte ${have}; starting over`, { kind: 'http', status: 416, retryable: true });
  }
  if (res.status === 404) {
    await res.body?.cancel();
    throw new ConfigError(`${t.label}: not found on the server (HTTP 404 for ${t.url})`);
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new ConfigError(`${t.label}: access refused (HTTP ${res.status}); the repository may be gated: accept its licence on the Hub and set HF_TOKEN`);
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new ProviderError(`${t.label}: HTTP ${res.status} for ${t.url}`, { kind: 'http', status: res.status, retryable: res.status >= 500 || res.status === 429 });
  }
  const append = res.status === 206 && have > 0;
  if (append) {
    const start = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1];
    if (start !== undefined && Number(start) !== have) {
      await res.body?.cancel();
      await truncate(part, 0);
      throw new ProviderError(`${t.label}: the server resumed at byte ${start}, not ${have}; starting over`, { kind: 'protocol', retryable: true });
    }
  } else {
    have = 0;
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = t.size ?? (Number.isFinite(length) ? have + length : undefined);
  o.onEvent?.({ type: 'download-start', file: t.label, url: t.url, total, resumeFrom: have });
  if (!res.body) throw new ProviderError(`${t.label}: empty response body`, { kind: 'protocol', retryable: true });

  const every = o.progressEvery ?? 1 << 20;
  let received = have;
  let reported = have;
  // Every byte received is on disk before a cut is reported, so the next attempt continues after it.
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  let cut: unknown;
  try {
    for await (const chunk of Readable.fromWeb(res.body as WebReadableStream<Uint8Array>) as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      if (received - reported >= every) {
        reported = received;
        o.onEvent?.({ type: 'download-progress', file: t.label, received, total });
      }
    }
  } catch (e) {
    cut = e;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (cut !== undefined) throw cut;
  o.onEvent?.({ type: 'download-progress', file: t.label, received, total });
  if (t.size !== undefined && received < t.size) {
    throw new ProviderError(`${t.label}: connection closed at ${received} of ${t.size} bytes`, { kind: 'transport', retryable: true });
  }
  return true;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
