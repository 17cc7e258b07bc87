import type { JobQueue, JobWorker, QueueBackend } from '@huiyin/queues';
import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { deliverOutboxMail } from './deliver-mail.ts';
import type { Mailer } from './mailer.ts';

export const MAIL_QUEUE = 'mail';
/**
 * A row handed to the queue this long ago and still unsent is handed over again: the queue lost the
 * job, or BullMQ gave up retrying (failed jobs are removed, so the same jobId can be added again).
 */
const REQUEUE_AFTER = '10 minutes';

export type MailJob = { outboxId: string };

export function createMailQueue(backend: QueueBackend): JobQueue<MailJob> {
  return backend.queue<MailJob>(MAIL_QUEUE);
}

/**
 * Hands due outbox mails to the delivery queue, one job per row (jobId `mail_<id>`, so handing a
 * row over twice keeps one job). Rows are claimed with SKIP LOCKED, so several workers share them.
 */
export async function enqueueDueMail(db: Db, queue: JobQueue<MailJob>, now: Date, batch = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .select('id')
      .where('topic', '=', 'mail')
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
        name: 'deliver',
        data: { outboxId: r.id },
        opts: { jobId: `mail_${r.id}`, attempts: 8, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: true, removeOnFail: true },
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

/**
 * The delivery worker: sends each mail once; BullMQ retries a failed send with backoff. As the
 * clock worker's, the job lock is 10 s (renewed every 5 s while a send runs) and stalls are
 * checked every 5 s: the mails of a worker killed mid-send go out again within about 15 s, not
 * the minute of BullMQ's defaults (README.md's drills: worker-kill).
 */
export function createMailWorker(backend: QueueBackend, db: Db, mailer: Mailer, now: () => Date = () => new Date()): JobWorker<MailJob> {
  return backend.worker<MailJob>(MAIL_QUEUE, async (job) => deliverOutboxMail(db, mailer, job.data.outboxId, now), { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000 });
}
