export { openQueueBackend, type QueueBackend, type QueueBackendKind, type JobQueue, type JobWorker } from './backend.ts';
export { createRedis, assertNoEviction, pingRedis } from './redis.ts';
export { addJobs, FEW_JOBS } from './add-jobs.ts';
