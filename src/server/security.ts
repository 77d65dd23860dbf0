import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** sha256 of a string, base64: the form a Content-Security-Policy hash source takes. */
export const sha256b64 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** A fresh random token (CSRF, or a session secret in tests). */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** The strict policy every response carries: inline style and script only by their hashes. */
export function contentSecurityPolicy(styles: readonly string[], scripts: readonly string[]): string {
  const src = (xs: readonly string[]): string => (xs.length ? xs.map((x) => `'sha256-${sha256b64(x)}'`).join(' ') : "'none'");
  return [
    "default-src 'none'", `style-src ${src(styles)}`, `script-src ${src(scripts)}`, 'img-src data:', "connect-src 'self'",
    "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
  ].join('; ');
}

/** The value of one cookie from a Cookie header, URI-decoded; undefined when absent or malformed. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a bind address is loopback-only. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether a request's Host header names a loopback address: without a token the server answers
 * only those, so a web page cannot reach it through a rebound DNS name.
 */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim());
  return m !== null && isLoopbackHost(m[1]!);
}
