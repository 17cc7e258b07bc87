import type { JobWorker, QueueBackend } from '@huiyin/queues';
import type { createClockTimers } from '@huiyin/timers';

/** Closes the clock workers, empties this file's timer queue (its prefix is its own) and lets the backend go. */
export async function closeClockTimers(workers: readonly Pick<JobWorker<never>, 'close'>[], timers: ReturnType<typeof createClockTimers>, backend: QueueBackend): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
  await timers.queue.obliterate({ force: true }).catch(() => undefined);
  await timers.close();
  await backend.close();
}
