import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/**
 * Job counts of the named BullMQ queues by state, for `/metrics`: one reader per queue, kept
 * open; `close` lets them go with the process.
 */
export function createQueueCounts(connection: Redis, prefix: string, names: readonly string[]) {
  const queues = names.map((name) => new Queue(name, { connection, prefix }));
  return {
    /** The queues themselves, for the admins' queue board. */
    queues,
    counts: async () => Object.fromEntries(await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts(...STATES)] as const))),
    close: () => Promise.all(queues.map((q) => q.close())),
  };
}
