import type { JobQueue, JobWorker, QueueBackend } from '@huiyin/queues';
import { sql } from 'kysely';
import { CHANNEL_TOPICS } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { deliverChannelMessage, type ChannelDeps } from './deliver-channel.ts';

export const CHANNEL_QUEUE = 'notice-channels';
/** As the mail queue's: a row handed over this long ago and still unsent is handed over again. */
const REQUEUE_AFTER = '10 minutes';

export type ChannelJob = { outboxId: string };

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
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .select(['id', 'topic'])
      .where('topic', 'in', CHANNEL_TOPICS)
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now)
      .where((eb) => eb.or([eb('enqueued_at', 'is', null), eb('enqueued_at', '<', sql<Date>`${now}::timestamptz - ${REQUEUE_AFTER}::interval`)]))
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    await queue.addBulk(
      rows.map((r) => ({
        // Named by its channel, for the worker's metrics and bull-board.
        name: r.topic,
        data: { outboxId: r.id },
        opts: { jobId: `notice_${r.id}`, attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: true, removeOnFail: true },
      })),
    );
    await trx
      .updateTable('outbox')
      .set({ enqueued_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}

/** The channels' delivery worker: each message once, retried with backoff (job lock as the mail worker's). */
export function createChannelWorker(backend: QueueBackend, deps: ChannelDeps): JobWorker<ChannelJob> {
  return backend.worker<ChannelJob>(CHANNEL_QUEUE, async (job) => deliverChannelMessage(deps, job.data.outboxId), { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000 });
}
