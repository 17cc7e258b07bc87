import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { timerJobId, type TimerPort, type TimerRequest } from '@huiyin/store';

export const CLOCK_QUEUE = 'clock-steps';
export type ClockJob = { clockId: string; step: string; version: number; at: string };

/**
 * Sets clock timers as BullMQ delayed jobs with deterministic ids: adding one twice keeps one.
 * Redis is not the truth: a timer lost here is set again by the reconciler from PostgreSQL.
 */
export function createClockTimers(
  connection: ConnectionOptions,
  prefix: string,
  now: () => Date = () => new Date(),
  onError: (err: Error) => void = () => {},
): TimerPort & { queue: Queue<ClockJob>; close(): Promise<void> } {
  const queue = new Queue<ClockJob>(CLOCK_QUEUE, { connection, prefix });
  // A lost Redis connection is reported here, not thrown: the timers are rebuilt from PostgreSQL.
  queue.on('error', onError);
  return {
    queue,
    async schedule(requests: readonly TimerRequest[]) {
      if (requests.length === 0) return;
      for (let i = 0; i < requests.length; i += 1000) {
        // BullMQ counts a delay from the moment the job is added: take the time per page, or each
        // later page of a large batch (the reconciler's) would fire late by the earlier pages' time.
        const t = now().getTime();
        await queue.addBulk(
          requests.slice(i, i + 1000).map((r) => ({
            name: 'step',
            data: { clockId: r.clockId, step: r.step, version: r.version, at: r.at.toISOString() },
            opts: {
              jobId: timerJobId(r),
              // BullMQ sets job.delay to 0 once the job is due, so the due time travels in `data`.
              delay: Math.max(0, r.at.getTime() - t),
              removeOnComplete: true,
              // A failed job kept in Redis would keep its jobId, and the reconciler could never set
              // that timer again; the worker logs each failure.
              removeOnFail: true,
              attempts: 10,
              backoff: { type: 'exponential', delay: 500 },
            },
          })),
        );
      }
    },
    close: () => queue.close(),
  };
}

export type ClockHandler = (job: ClockJob) => Promise<void>;

/**
 * The worker side: runs the handler for each due timer; a thrown error retries with backoff.
 * A step takes milliseconds, so the job lock is 10 s (renewed every 5 s) and stalls are checked
 * every 5 s: the jobs of a worker that died are taken over within about 15 s, not BullMQ's
 * default 30 s lock and 30 s interval. A reconciler cannot set those timers again meanwhile:
 * their jobIds still exist. A step run twice after a false stall finds itself stale.
 */
export function createClockWorker(connection: ConnectionOptions, prefix: string, handler: ClockHandler, concurrency = 16): Worker<ClockJob> {
  return new Worker<ClockJob>(CLOCK_QUEUE, async (job: Job<ClockJob>) => handler(job.data), { connection, prefix, concurrency, lockDuration: 10_000, stalledInterval: 5_000 });
}
