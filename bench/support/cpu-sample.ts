import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU went between two samples, from /proc (Linux): PostgreSQL's processes,
 * Redis, the named processes of the bench, and everything else on the machine. A process that
 * exits between the samples is counted only in the machine's total (so in `other`).
 */
export type CpuSample = { at: number; busyTicks: number; procs: Map<number, { comm: string; ticks: number }> };
export type CpuShare = { seconds: number; machineCores: number; cores: Record<string, number> };

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function sampleCpu(): CpuSample {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  const procs = new Map<number, { comm: string; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(name), { comm, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended while we read
    }
  }
  return { at: Date.now(), busyTicks: user + nice + system + irq + softirq + steal, procs };
}

/** Cores used on average between the samples, by group; `groups` maps a group name to its pids or a process name. */
export function cpuBetween(a: CpuSample, b: CpuSample, groups: Record<string, number[] | RegExp>): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const cores: Record<string, number> = {};
  let attributed = 0;
  for (const [group, match] of Object.entries(groups)) {
    let ticks = 0;
    for (const [pid, p] of b.procs) {
      if (Array.isArray(match) ? !match.includes(pid) : !match.test(p.comm)) continue;
      ticks += p.ticks - (a.procs.get(pid)?.ticks ?? 0);
    }
    cores[group] = ticks / TICKS_PER_SECOND / seconds;
    attributed += ticks;
  }
  const busy = b.busyTicks - a.busyTicks;
  cores['other'] = Math.max(0, busy - attributed) / TICKS_PER_SECOND / seconds;
  return { seconds, machineCores: busy / TICKS_PER_SECOND / seconds, cores };
}
