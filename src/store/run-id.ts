import { randomBytes } from 'node:crypto';

/** Sortable, readable run id: `20261122-101500-3fa9`. */
export function newRunId(at: Date): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
