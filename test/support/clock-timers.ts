import type { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import type { createClockTimers } from '@huiyin/timers';

/** Closes the clock workers, empties this file's timer queue (its prefix is its own) and disconnects. */
export async function closeClockTimers(workers: Worker[], timers: ReturnType<typeof createClockTimers>, redis: Redis): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
  await timers.queue.obliterate({ force: true }).catch(() => undefined);
  await timers.close();
  redis.disconnect();
}
