import type { JobsOptions } from 'bullmq';
import type { JobQueue } from './backend.ts';

/** A job to add: its name, data and options. */
export type NewJob<D> = { name: string; data: D; opts?: JobsOptions };

/**
 * Below this many jobs a set goes as single adds. BullMQ's PostgreSQL backend adds a set through
 * `add_jobs_bulk`, which creates and drops two temporary tables each call: 4.5–6.5 ms of
 * PostgreSQL a call whatever its size, against about 0.75 ms a job for `add` (bench/README.md,
 * "BullMQ's bulk add on PostgreSQL"). A command's timers are one or two jobs. On Redis both ways
 * cost the same.
 */
export const FEW_JOBS = 6;

/** Adds these jobs: one by one when they are few, else as one bulk add. */
export async function addJobs<D>(queue: JobQueue<D>, jobs: readonly NewJob<D>[]): Promise<void> {
  if (jobs.length === 0) return;
  if (jobs.length < FEW_JOBS) await Promise.all(jobs.map((j) => queue.add(j.name, j.data, j.opts)));
  else await queue.addBulk([...jobs]);
}
