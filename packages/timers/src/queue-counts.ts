import type { JobQueue, QueueBackend } from '@huiyin/queues';

const STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/**
 * Job counts of the named BullMQ queues by state, for `/metrics`, keyed by the names given (on
 * PostgreSQL a queue's own name carries the run's prefix): one reader per queue, kept open;
 * `close` lets them go with the process.
 */
export function createQueueCounts(backend: QueueBackend, names: readonly string[]) {
  const queues: JobQueue<unknown>[] = names.map((name) => backend.queue(name));
  return {
    /** The queues themselves, for the admins' queue board. */
    queues,
    counts: async () => Object.fromEntries(await Promise.all(queues.map(async (q, i) => [names[i] ?? q.name, await q.getJobCounts(...STATES)] as const))),
    close: () => Promise.all(queues.map((q) => q.close())),
  };
}
