import type { RunEvent } from '../runner/events.js';

/**
 * Renders run events on stderr: a redrawn bar on a terminal, a plain line every
 * `intervalMs` otherwise (so logs stay readable in CI).
 */
export function createProgress(out: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean }, opts: { quiet?: boolean; intervalMs?: number } = {}): (e: RunEvent) => void {
  const tty = Boolean((out as { isTTY?: boolean }).isTTY);
  const interval = opts.intervalMs ?? (tty ? 100 : 5000);
  let total = 0;
  let last = 0;
  let started = Date.now();
  let retries = 0;
  const counts = new Map<string, number>();
  const line = (done: number): string => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const frac = total > 0 ? done / total : 1;
    const parts = [...counts].map(([k, v]) => `${k} ${v}`).join(', ');
    const bar = tty ? `[${'#'.repeat(Math.round(frac * 24)).padEnd(24, '-')}] ` : '';
    return `${bar}${done}/${total} (${(frac * 100).toFixed(0)}%) ${rate.toFixed(1)}/s${parts ? ` · ${parts}` : ''}${retries ? ` · retries ${retries}` : ''}`;
  };
  return (e) => {
    if (opts.quiet) return;
    if (e.type === 'start') {
      total = e.total;
      started = Date.now();
      out.write(`run ${e.runId}: ${e.total} answers to get${e.skipped ? ` (${e.skipped} already stored)` : ''}\n`);
    } else if (e.type === 'retry') {
      retries++;
    } else if (e.type === 'answer') {
      const k = e.outcome === 'ok' ? (e.label ?? 'ok') : e.outcome;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      const now = Date.now();
      if (now - last >= interval || e.done === e.total) {
        last = now;
        out.write(tty ? `\r${line(e.done)}\x1b[K` : `${line(e.done)}\n`);
      }
    } else if (e.type === 'end') {
      if (tty) out.write(`\r${line(e.done)}\x1b[K\n`);
      if (e.interrupted) out.write('interrupted: finished answers are saved\n');
    }
  };
}
