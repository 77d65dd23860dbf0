import type { EvidenceSpan } from '../core/types.js';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute: model output is untrusted. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * Text for XML content or attributes: escapes markup and drops characters XML 1.0 forbids
 * (control characters, lone surrogates), which would make the document unparseable.
 */
export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * `text` escaped, with the evidence spans of `field` wrapped in <mark>. Spans whose offsets do
 * not match their recorded text are skipped, and overlapping spans keep the first.
 */
export function highlight(text: string, evidence: readonly EvidenceSpan[] | null, field: EvidenceSpan['field']): string {
  const spans = (evidence ?? [])
    .filter((e) => e.field === field && e.start >= 0 && e.end > e.start && e.end <= text.length && text.slice(e.start, e.end) === e.match)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const e of spans) {
    if (e.start < at) continue;
    out += escapeHtml(text.slice(at, e.start)) + `<mark title="${escapeHtml(e.kind)}">${escapeHtml(text.slice(e.start, e.end))}</mark>`;
    at = e.end;
  }
  return out + escapeHtml(text.slice(at));
}

export const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
export const ppSigned = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
export const ciPct = ([lo, hi]: readonly [number, number]): string => `[${(lo * 100).toFixed(1)}, ${(hi * 100).toFixed(1)}]`;
export const ciPp = ([lo, hi]: readonly [number, number]): string => `[${ppSigned(lo)}, ${ppSigned(hi)}]`;
export const fmtP = (p: number): string => (p < 0.001 ? '<0.001' : p.toFixed(3));
