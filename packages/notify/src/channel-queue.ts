import type { JobQueue, JobWorker, QueueBackend } from '@huiyin/queues';
import { CHANNEL_TOPICS } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { deliverChannelMessage, type ChannelDeps } from './deliver-channel.ts';
import { DELIVERY_WORKER, handOverDueRows, type OutboxJob } from './outbox-hand-over.ts';

export const CHANNEL_QUEUE = 'notice-channels';
export type ChannelJob = OutboxJob;

export function createChannelQueue(backend: QueueBackend): JobQueue<ChannelJob> {
  return backend.queue<ChannelJob>(CHANNEL_QUEUE);
}

/**
 * Hands due channel messages (WeCom, DingTalk, SMS) to their delivery queue, one job per row
 * (jobId `notice_<id>`), claimed with SKIP LOCKED as the mail is; 8 attempts with exponential
 * backoff from 5 s, then the row is handed over again after 10 minutes: never dropped.
 */
export async function enqueueDueChannelMessages(db: Db, queue: JobQueue<ChannelJob>, now: Date, o: { batch?: number; attempts?: number; backoffMs?: number } = {}): Promise<number> {
  const { batch = 500, attempts = 8, backoffMs = 5000 } = o;
  // Named by its channel, for the worker's metrics and bull-board.
  return handOverDueRows(db, queue, now, { topics: CHANNEL_TOPICS, jobName: (topic) => topic, jobIdPrefix: 'notice', batch, attempts, backoffMs });
}

/** The channels' delivery worker: each message once, retried with backoff (DELIVERY_WORKER). */
export function createChannelWorker(backend: QueueBackend, deps: ChannelDeps): JobWorker<ChannelJob> {
  return backend.worker<ChannelJob>(CHANNEL_QUEUE, async (job) => deliverChannelMessage(deps, job.data.outboxId), DELIVERY_WORKER);
}
