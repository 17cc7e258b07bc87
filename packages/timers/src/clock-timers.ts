import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { addJobs, type JobQueue, type JobWorker, type QueueBackend } from '@huiyin/queues';
import type { TimerPort } from '@huiyin/engine';
import { helperJobs, instantsOf, jobsOf, type DueInstant, type TimerJob, type TimerJobData, type TimerJobName } from './due-instants.ts';

export const CLOCK_QUEUE = 'clock-steps';

/** Attempts of a failing job, retried after 0.5 s, 1 s, 2 s, … (about 4 min in all). */
export const CLOCK_STEP_ATTEMPTS = 10;

/** The timers as the worker sees them: the engine's port, and the jobs it sets itself. */
export type ClockTimers = Required<TimerPort> & {
  /** Sets jobs for these instants (the reconciler's, and a window's). */
  arm(instants: readonly DueInstant[]): Promise<void>;
  /** Adds `count` helper drains for the instant `at`. */
  helpers(at: number, count: number): Promise<void>;
  queue: JobQueue<TimerJobData>;
  close(): Promise<void>;
};

/**
 * Sets clock timers as BullMQ delayed jobs (on Redis or PostgreSQL) keyed by due instant
 * (`due-instants.ts`): adding one twice keeps one. Redis is not the truth: a timer lost here is
 * set again by the reconciler from PostgreSQL. A job carries no options but its id and delay
 * (removal and retries are the worker's), so its hash stays in Redis's compact encoding.
 */
export function createClockTimers(backend: QueueBackend, now: () => Date = () => new Date()): ClockTimers {
  // A lost connection is reported through the backend's onError, not thrown: the timers are rebuilt from PostgreSQL.
  const queue = backend.queue<TimerJobData>(CLOCK_QUEUE);
  const add = async (jobs: readonly TimerJob[]) => {
    for (let from = 0; from < jobs.length; from += 1000) {
      // BullMQ counts a delay from the moment the job is added: the delay is taken per page, or
      // each later page of a large set (the reconciler's) would fire late by the earlier pages' time.
      const t = now().getTime();
      await addJobs(
        queue,
        jobs.slice(from, from + 1000).map((j) => ({ name: j.name, data: j.data, opts: { ...(j.jobId ? { jobId: j.jobId } : {}), delay: Math.max(0, j.fireAt - t) } })),
      );
    }
  };
  return {
    queue,
    async schedule(requests) {
      if (requests.length === 0) return;
      const t = now().getTime();
      await add(jobsOf(instantsOf(requests, t), t));
    },
    async arm(instants) {
      if (instants.length > 0) await add(jobsOf(instants, now().getTime()));
    },
    async helpers(at, count) {
      if (count > 0) await add(helperJobs(at, count, now().getTime()));
    },
    close: () => queue.close(),
  };
}

/** A due timer job as its handler sees it. */
export type ClockJob = { name: TimerJobName; at: number };
/** What a handler may ask of the job: to come back at `retryAt` (it came before its instant). */
export type ClockHandler = (job: ClockJob) => Promise<{ retryAt?: number } | undefined>;

/**
 * The worker side: runs the handler for each due timer job. A thrown error retries the job with
 * exponential backoff (moved back to delayed, same jobId) up to `CLOCK_STEP_ATTEMPTS` attempts;
 * an `UnrecoverableError` or the last attempt fails it. Jobs are removed when done or failed: a
 * job kept would keep its jobId, and the same instant could not be set again. The job lock is
 * 10 s, renewed every 5 s while a drain runs, and stalls are checked every 5 s: the jobs of a
 * worker that died are taken over within about 15 s (the catch-up fires their steps meanwhile).
 */
export function createClockWorker(backend: QueueBackend, handler: ClockHandler, concurrency = 16): JobWorker<TimerJobData> {
  return backend.worker<TimerJobData>(
    CLOCK_QUEUE,
    async (job: Job<TimerJobData>, token?: string) => {
      let asked: Awaited<ReturnType<ClockHandler>>;
      try {
        asked = await handler({ name: job.name as TimerJobName, at: job.data });
      } catch (err) {
        if (err instanceof UnrecoverableError || job.attemptsStarted >= CLOCK_STEP_ATTEMPTS) throw err;
        await job.moveToDelayed(Date.now() + 500 * 2 ** Math.max(0, job.attemptsStarted - 1), token);
        throw new DelayedError();
      }
      if (asked?.retryAt) {
        await job.moveToDelayed(asked.retryAt, token);
        throw new DelayedError();
      }
    },
    { concurrency, lockDuration: 10_000, stalledInterval: 5_000, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } },
  );
}
