import type { BulkJobOptions } from 'bullmq';
import type { JobQueue } from './backend.ts';

/** A job to add: its name, data and options (those a bulk add takes, whichever way it goes). */
export type NewJob<D> = { name: string; data: D; opts?: BulkJobOptions };

/**
 * Below this many jobs a set goes as single adds. BullMQ's PostgreSQL backend adds a set through
 * `add_jobs_bulk`, which creates and drops two temporary tables each call: 4.2–6.5 ms a set
 * whatever its size, against 0.55–0.9 ms a job for `add` (wall time of one producer;
 * bench/README.md, "BullMQ's bulk add on PostgreSQL"). A command's timers are one or two jobs.
 * On Redis the two ways were not compared.
 */
export const FEW_JOBS = 6;

/**
 * Adds these jobs: fewer than `FEW_JOBS` as concurrent single adds, more as one bulk add. Single
 * adds are neither atomic nor ordered among themselves (on a failure some may be in), so callers
 * rely on job ids or on jobs that may run more than once, as the timers and the hand-over do.
 */
export async function addJobs<D>(queue: JobQueue<D>, jobs: readonly NewJob<D>[]): Promise<void> {
  if (jobs.length === 0) return;
  if (jobs.length < FEW_JOBS) await Promise.all(jobs.map((j) => queue.add(j.name, j.data, j.opts)));
  else await queue.addBulk([...jobs]);
}
