import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { JobQueue, JobWorker, QueueBackend } from '@huiyin/queues';
import type { TimerPort, TimerRequest } from '@huiyin/engine';
import type { ClockStep } from '@huiyin/domain';
import { timerJobId } from './job-id.ts';

export const CLOCK_QUEUE = 'clock-steps';
/** A due timer as the handler sees it. */
export type ClockJob = { clockId: string; step: ClockStep; version: number; at: string };
/**
 * What a timer's job hash holds as `data`: [clock id as 22 base64url characters, step, clock
 * version, due time in ms]. Compact so every field of the hash stays under Redis's 64-byte
 * listpack limit (see `timerJobId`); BullMQ sets job.delay to 0 once the job is due, so the due
 * time travels here.
 */
export type ClockJobData = [clock: string, step: ClockStep, version: number, at: number];

/** Attempts of a failing step, retried after 0.5 s, 1 s, 2 s, … (about 4 min in all). */
export const CLOCK_STEP_ATTEMPTS = 10;

const packUuid = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex').toString('base64url');
const unpackUuid = (packed: string) =>
  Buffer.from(packed, 'base64url')
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/** The job data of a timer. */
export function clockJobData(r: Pick<TimerRequest, 'clockId' | 'step' | 'version' | 'at'>): ClockJobData {
  return [packUuid(r.clockId), r.step, r.version, r.at.getTime()];
}

/** A timer's job data, read back. */
export function clockJobOf(data: ClockJobData): ClockJob {
  const [clock, step, version, at] = data;
  return { clockId: unpackUuid(clock), step, version, at: new Date(at).toISOString() };
}

/**
 * Sets clock timers as BullMQ delayed jobs (on Redis or PostgreSQL) with deterministic ids: adding one twice keeps one.
 * Redis is not the truth: a timer lost here is set again by the reconciler from PostgreSQL.
 * A job carries no options but its id and delay (removal and retries are the worker's), so its
 * hash stays in Redis's compact encoding.
 */
export function createClockTimers(backend: QueueBackend, now: () => Date = () => new Date()): Required<TimerPort> & { queue: JobQueue<ClockJobData>; close(): Promise<void> } {
  // A lost connection is reported through the backend's onError, not thrown: the timers are rebuilt from PostgreSQL.
  const queue = backend.queue<ClockJobData>(CLOCK_QUEUE);
  return {
    queue,
    async schedule(requests: readonly TimerRequest[]) {
      if (requests.length === 0) return;
      const page = async (from: number) => {
        // BullMQ counts a delay from the moment the job is added: take the time per page, or each
        // later page of a large batch (the reconciler's) would fire late by the earlier pages' time.
        const t = now().getTime();
        await queue.addBulk(requests.slice(from, from + 1000).map((r) => ({ name: 's', data: clockJobData(r), opts: { jobId: timerJobId(r), delay: Math.max(0, r.at.getTime() - t) } })));
      };
      // Four pages in flight, so Redis is not left idle while each reply travels back.
      for (let i = 0; i < requests.length; i += 4000) {
        await Promise.all([0, 1000, 2000, 3000].filter((o) => i + o < requests.length).map((o) => page(i + o)));
      }
    },
    async cancel(requests) {
      // A job already promoted to wait or active is left alone: it runs and finds its step stale.
      await backend.cancelDelayed(
        queue,
        requests.map((r) => timerJobId({ ...r, at: new Date(0) })),
      );
    },
    close: () => queue.close(),
  };
}

export type ClockHandler = (job: ClockJob) => Promise<void>;

/**
 * The worker side: runs the handler for each due timer. A thrown error retries the job with
 * exponential backoff (moved back to delayed, same jobId) up to `CLOCK_STEP_ATTEMPTS` attempts;
 * an `UnrecoverableError` or the last attempt fails it. Jobs are removed when done or failed: a
 * failed job kept in Redis would keep its jobId, and the reconciler could never set that timer
 * again. A step takes milliseconds, so the job lock is 10 s (renewed every 5 s) and stalls are
 * checked every 5 s: the jobs of a worker that died are taken over within about 15 s, not
 * BullMQ's default 30 s lock and 30 s interval. A step run twice after a false stall finds
 * itself stale.
 */
export function createClockWorker(backend: QueueBackend, handler: ClockHandler, concurrency = 16): JobWorker<ClockJobData> {
  return backend.worker<ClockJobData>(
    CLOCK_QUEUE,
    async (job: Job<ClockJobData>, token?: string) => {
      try {
        await handler(clockJobOf(job.data));
      } catch (err) {
        if (err instanceof UnrecoverableError || job.attemptsStarted >= CLOCK_STEP_ATTEMPTS) throw err;
        await job.moveToDelayed(Date.now() + 500 * 2 ** Math.max(0, job.attemptsStarted - 1), token);
        throw new DelayedError();
      }
    },
    { concurrency, lockDuration: 10_000, stalledInterval: 5_000, removeOnComplete: { count: 0 }, removeOnFail: { count: 0 } },
  );
}
