/**
 * CPU time of the processes a distributed benchmark involves, read from Linux /proc: the
 * workers, redis-server, every postgres process, and this process (mock server, planner,
 * follower); plus the whole machine's busy time, others' load included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sampleProcess } from './proc-sample.js';

const TICK = 100; // USER_HZ

function pidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

/** Busy and total jiffies of all cores since boot. */
function machine(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3]! - f[4]!, total };
}

export interface CpuSnapshot { at: number; byGroup: Map<string, number>; workersSystem: number; machine: { busy: number; total: number } }

/** Kernel-mode CPU seconds of a process (system calls: for these, mostly loopback networking). */
function systemSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[12]) / TICK;
  } catch {
    return 0;
  }
}

/** CPU seconds per group now. Postgres backends come and go: the sum over live ones plus those of exited pids is not tracked, so pool sizes should be fixed. */
export function snapshot(workers: readonly number[]): CpuSnapshot {
  const sum = (pids: readonly number[]): number => pids.reduce((a, p) => a + (sampleProcess(p)?.cpu ?? 0), 0);
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    byGroup: new Map([
      ['workers', sum(workers)],
      ['redis', sum(pidsNamed('redis-server'))],
      ['postgres', sum(pidsNamed('postgres'))],
      ['bench (mock server, planner, follower)', (self.user + self.system) / 1e6],
    ]),
    workersSystem: workers.reduce((a, p) => a + systemSeconds(p), 0),
    machine: machine(),
  };
}

/** Per-answer CPU milliseconds per group between two snapshots, and the machine's busy share. */
export function cpuReport(a: CpuSnapshot, b: CpuSnapshot, answers: number): string {
  const parts: string[] = [];
  let total = 0;
  for (const [k, v] of b.byGroup) {
    const d = Math.max(0, v - (a.byGroup.get(k) ?? 0));
    total += d;
    parts.push(`${k} ${(d * 1000 / answers).toFixed(2)}`);
  }
  const busy = (b.machine.busy - a.machine.busy) / TICK;
  const seconds = (b.at - a.at) / 1000;
  const cores = (b.machine.total - a.machine.total) / TICK / seconds;
  const sys = (b.workersSystem - a.workersSystem) * 1000 / answers;
  return `CPU ms per answer: ${parts.join(', ')} (workers in the kernel ${sys.toFixed(2)}); total ${(total * 1000 / answers).toFixed(2)}. ` +
    `Machine busy ${(busy / seconds).toFixed(2)} of ${cores.toFixed(1)} cores, of which these processes ${(total / seconds).toFixed(2)}` +
    ` (the rest: other users, kernel)`;
}
