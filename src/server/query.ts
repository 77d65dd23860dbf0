import { LABELS, OUTCOMES } from '../core/types.js';
import type { AnswerFilter } from '../store/types.js';
import { HttpError } from './context.js';

export const PER_PAGE = 50;

const FIELDS = ['model', 'arm', 'topic', 'lang', 'label', 'outcome'] as const;

/** The answer filter of a query string: exact values; label and outcome must be known ones (else 400). */
export function parseFilter(q: Readonly<Record<string, unknown>>): AnswerFilter {
  const f: AnswerFilter = {};
  for (const k of FIELDS) {
    const v = q[k];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string' || v.length > 500) throw new HttpError(400, `${k}: expected one value`);
    if (k === 'label' && !(LABELS as readonly string[]).includes(v)) throw new HttpError(400, `label: '${v}' is not one of ${LABELS.join(', ')}`);
    if (k === 'outcome' && !(OUTCOMES as readonly string[]).includes(v)) throw new HttpError(400, `outcome: '${v}' is not one of ${OUTCOMES.join(', ')}`);
    f[k] = v;
  }
  return f;
}

/** The 1-based page number of a query string (default 1); anything but a whole number ≥ 1 is a 400. */
export function parsePage(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new HttpError(400, 'page: expected a whole number ≥ 1');
  return Number(raw);
}
