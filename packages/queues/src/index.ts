export { openQueueBackend, type QueueBackend, type QueueBackendKind, type JobQueue, type JobWorker } from './backend.ts';
export { createRedis, assertNoEviction, pingRedis } from './redis.ts';
