import { readFileSync } from 'node:fs';

export interface ProcSample {
  /** Resident set, KiB. */
  rss: number;
  /** Peak resident set so far, KiB. */
  hwm: number;
  /** User + system CPU seconds. */
  cpu: number;
}

/** Memory and CPU of a live process from Linux /proc; undefined once it is gone. */
export function sampleProcess(pid: number): ProcSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const s = { rss: kib('VmRSS'), hwm: kib('VmHWM'), cpu: (Number(stat[11]) + Number(stat[12])) / 100 };
    return s.rss > 0 ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process every `everyMs` until stopped; keeps the trace and the last sample. */
export function traceProcess(pid: number, everyMs = 10): { stop(): { trace: { t: number; rss: number }[]; last: ProcSample } } {
  const t0 = performance.now();
  const trace: { t: number; rss: number }[] = [];
  let last: ProcSample = { rss: 0, hwm: 0, cpu: 0 };
  const timer = setInterval(() => {
    const s = sampleProcess(pid);
    if (s) {
      last = s;
      trace.push({ t: performance.now() - t0, rss: s.rss });
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { trace, last };
    },
  };
}

/** RSS at fractions of the elapsed time, e.g. "25%: 140.2 MiB, …". */
export function rssOverTime(trace: { t: number; rss: number }[], totalMs: number): string {
  return [0.25, 0.5, 0.75, 1].map((q) => {
    const point = trace.filter((p) => p.t <= q * totalMs).at(-1);
    return `${q * 100}%: ${point ? (point.rss / 1024).toFixed(1) : '?'} MiB`;
  }).join(', ');
}
