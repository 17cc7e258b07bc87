import type { TimerRequest } from '@huiyin/engine';

/**
 * Timers are keyed by due time, not by clock (docs/domain.md#clocks): one BullMQ job per instant
 * at which steps fall due, which drains every step due by then from PostgreSQL. A close-of-day
 * burst (every working-day deadline ends at 17:30) is then one job, not 50 000.
 *
 * - A step due within `HORIZON_MS` gets a **drain** job at its instant: its due time rounded up
 *   to `BUCKET_MS`, so steps due within the same tenth of a second share one job, and none fires
 *   early. The job's id is the instant: setting it again, for the same or another step, keeps one.
 * - A step due later gets only its minute's **window** job, which fires `WINDOW_LEAD_MS` before
 *   the minute starts and sets the drain jobs of the steps PostgreSQL then has in that minute.
 *   The backend then holds a job per minute that has steps, not one per open clock.
 * - A step due within `NEAR_MS` (or already due) gets a drain job of its own, with no fixed id: a
 *   drain job for its instant may be running already, past its last read, and a job added under
 *   the same id would be dropped as a duplicate.
 *
 * Why the horizon is safe: a window job runs at (minute − 30 s), so any step set after it for
 * that minute is due within 90 s, under the 120 s horizon: it gets a drain job of its own.
 * The catch-up (overdue steps, every 250 ms) stays the last line for anything a job misses.
 */
export const BUCKET_MS = 100;
export const WINDOW_MS = 60_000;
export const WINDOW_LEAD_MS = 30_000;
export const HORIZON_MS = 120_000;
/** Covers the skew between the process that sets a timer and the one that runs it. */
export const NEAR_MS = 2_000;

/** An instant a job is set for: a drain at `at`, or the window of the minute starting at `at`. */
export type DueInstant = { kind: 'drain' | 'window'; at: number };

/** The job's name says what it does; its data is the instant (ms since the epoch). */
export type TimerJobName = 'drain' | 'window' | 'helper';
export type TimerJobData = number;

/** The instant of a step due at `at` (ms), seen at `now`. */
export function instantOf(at: number, now: number): DueInstant {
  if (at - now >= HORIZON_MS) return { kind: 'window', at: Math.floor(at / WINDOW_MS) * WINDOW_MS };
  return { kind: 'drain', at: Math.ceil(at / BUCKET_MS) * BUCKET_MS };
}

/** The distinct instants of these timers: a batch of 500 next steps hours away is a window or two. */
export function instantsOf(requests: readonly Pick<TimerRequest, 'at'>[], now: number): DueInstant[] {
  const seen = new Map<string, DueInstant>();
  for (const r of requests) {
    const i = instantOf(r.at.getTime(), now);
    seen.set(`${i.kind}${i.at}`, i);
  }
  return [...seen.values()];
}

/** A job to add: BullMQ's name, data and id (when it has one), and when it should fire (ms). */
export type TimerJob = { name: TimerJobName; data: TimerJobData; jobId?: string; fireAt: number };

const b36 = (ms: number) => ms.toString(36);

/** The fixed job id of an instant (a drain due beyond `NEAR_MS`, or a window). */
export const instantJobId = (i: DueInstant) => `${i.kind === 'window' ? 'w' : 'd'}${b36(i.at)}`;

/** The jobs that set these instants, seen at `now`: every step already due shares one job. */
export function jobsOf(instants: readonly DueInstant[], now: number): TimerJob[] {
  const jobs: TimerJob[] = [];
  let pastDue = false;
  for (const i of instants) {
    if (i.kind === 'window') jobs.push({ name: 'window', data: i.at, jobId: instantJobId(i), fireAt: i.at - WINDOW_LEAD_MS });
    else if (i.at - now > NEAR_MS) jobs.push({ name: 'drain', data: i.at, jobId: instantJobId(i), fireAt: i.at });
    else if (i.at > now) jobs.push({ name: 'drain', data: i.at, fireAt: i.at });
    else pastDue = true;
  }
  if (pastDue) jobs.push({ name: 'drain', data: now, fireAt: now });
  return jobs;
}

/** Helper drains for the instant `at`: other workers join a drain whose batches come back full. */
export function helperJobs(at: number, count: number, now: number): TimerJob[] {
  return Array.from({ length: count }, (_, k) => ({ name: 'helper', data: at, jobId: `d${b36(at)}h${k + 1}`, fireAt: now }));
}
