import type { JobQueue, JobWorker, QueueBackend } from '@huiyin/queues';
import type { Db } from '@huiyin/store';
import { deliverOutboxMail } from './deliver-mail.ts';
import type { Mailer } from './mailer.ts';
import { DELIVERY_WORKER, handOverDueRows, type OutboxJob } from './outbox-hand-over.ts';

export const MAIL_QUEUE = 'mail';
export type MailJob = OutboxJob;

export function createMailQueue(backend: QueueBackend): JobQueue<MailJob> {
  return backend.queue<MailJob>(MAIL_QUEUE);
}

/**
 * Hands due outbox mails to the delivery queue, one job per row (jobId `mail_<id>`, so handing a
 * row over twice keeps one job). Rows are claimed with SKIP LOCKED, so several workers share them.
 */
export async function enqueueDueMail(db: Db, queue: JobQueue<MailJob>, now: Date, batch = 500): Promise<number> {
  return handOverDueRows(db, queue, now, { topics: ['mail'], jobName: () => 'deliver', jobIdPrefix: 'mail', batch, attempts: 8, backoffMs: 5000 });
}

/** The delivery worker: sends each mail once; BullMQ retries a failed send with backoff (DELIVERY_WORKER). */
export function createMailWorker(backend: QueueBackend, db: Db, mailer: Mailer, now: () => Date = () => new Date()): JobWorker<MailJob> {
  return backend.worker<MailJob>(MAIL_QUEUE, async (job) => deliverOutboxMail(db, mailer, job.data.outboxId, now), DELIVERY_WORKER);
}
