import { addJobs, type JobQueue } from '@huiyin/queues';
import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

/**
 * A row handed to its queue this long ago and still unsent is handed over again: the queue lost the
 * job, or BullMQ gave up retrying (failed jobs are removed, so the same jobId can be added again).
 */
const REQUEUE_AFTER = '10 minutes';

/**
 * How a delivery queue's worker runs its jobs. As the clock worker's, the job lock is 10 s (renewed
 * every 5 s while a send runs) and stalls are checked every 5 s: the sends of a worker killed
 * mid-send are taken up again within about 15 s, not the minute of BullMQ's defaults. BullMQ fails
 * a job taken back from dead workers more than `maxStalledCount` times (no backoff; its row is
 * handed over again after REQUEUE_AFTER). Its default, once, guards against a job that kills its
 * worker every time; here workers killed one after another each leave their jobs stalled once
 * (README.md's drills: worker-kill), and taking a send up again is what it needs: a row already
 * sent is skipped under its lock. What a second take can repeat is only a send cut off between the
 * far end's acceptance and our commit: a channel message as a real second one, and that is so
 * whatever the limit. (Mail has no queue: `mail-drain.ts`.)
 */
export const DELIVERY_WORKER = { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 20 } as const;

/** What a delivery queue's job carries: the outbox row to send. */
export type OutboxJob = { outboxId: string };

export type HandOver = {
  /** The outbox topics this queue delivers. */
  topics: readonly string[];
  /** The job's name (for the worker's metrics and bull-board), from the row's topic. */
  jobName: (topic: string) => string;
  /** jobId `<prefix>_<row id>`: handing a row over twice keeps one job. */
  jobIdPrefix: string;
  batch: number;
  attempts: number;
  backoffMs: number;
};

/**
 * Hands due outbox rows of `topics` to their delivery queue, one job per row, retried with
 * exponential backoff. Rows are claimed with SKIP LOCKED, so several workers share them, and
 * marked handed over in the same transaction; one still unsent after REQUEUE_AFTER goes again.
 */
export async function handOverDueRows(db: Db, queue: JobQueue<OutboxJob>, now: Date, o: HandOver): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .select(['id', 'topic'])
      .where('topic', 'in', o.topics)
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now)
      .where((eb) => eb.or([eb('enqueued_at', 'is', null), eb('enqueued_at', '<', sql<Date>`${now}::timestamptz - ${REQUEUE_AFTER}::interval`)]))
      .orderBy('id')
      .limit(o.batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    await addJobs(
      queue,
      rows.map((r) => ({
        name: o.jobName(r.topic),
        data: { outboxId: r.id },
        opts: { jobId: `${o.jobIdPrefix}_${r.id}`, attempts: o.attempts, backoff: { type: 'exponential', delay: o.backoffMs }, removeOnComplete: true, removeOnFail: true },
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
