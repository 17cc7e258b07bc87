import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { timerJobId, type TimerPort, type TimerRequest } from '@huiyin/store';

export const CLOCK_QUEUE = 'clock-steps';
export type ClockJob = { clockId: string; step: string; version: number; at: string };

/**
 * Sets clock timers as BullMQ delayed jobs with deterministic ids: adding one twice keeps one.
 * Redis is not the truth: a timer lost here is set again by the reconciler from PostgreSQL.
 */
export function createClockTimers(connection: ConnectionOptions, prefix: string, now: () => Date = () => new Date()): TimerPort & { queue: Queue<ClockJob>; close(): Promise<void> } {
  const queue = new Queue<ClockJob>(CLOCK_QUEUE, { connection, prefix });
  return {
    queue,
    async schedule(requests: readonly TimerRequest[]) {
      if (requests.length === 0) return;
      const t = now().getTime();
      for (let i = 0; i < requests.length; i += 1000) {
        await queue.addBulk(
          requests.slice(i, i + 1000).map((r) => ({
            name: 'step',
            data: { clockId: r.clockId, step: r.step, version: r.version, at: r.at.toISOString() },
            opts: {
              jobId: timerJobId(r),
              // BullMQ sets job.delay to 0 once the job is due, so the due time travels in `data`.
              delay: Math.max(0, r.at.getTime() - t),
              removeOnComplete: true,
              removeOnFail: 1000,
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

/** The worker side: runs the handler for each due timer; a thrown error retries with backoff. */
export function createClockWorker(connection: ConnectionOptions, prefix: string, handler: ClockHandler, concurrency = 16): Worker<ClockJob> {
  return new Worker<ClockJob>(CLOCK_QUEUE, async (job: Job<ClockJob>) => handler(job.data), { connection, prefix, concurrency });
}
