import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { outboxMessageId, type Mail, type Mailer } from './mailer.ts';

export type RelayResult = { sent: number; failed: number };

import { retryDelayMs } from './deliver-mail.ts';

/**
 * Sends one batch of due outbox mails directly, without the delivery queue: for tools and tests
 * that run no Redis. The worker hands mails to BullMQ instead (`mail-queue.ts`). Rows are claimed with SKIP LOCKED, so several workers
 * never take the same row; a failed send is retried later with backoff and never dropped.
 * A crash between send and commit can send a mail twice: delivery is at least once.
 */
export async function relayOutbox(db: Db, mailer: Mailer, now: Date, batch = 20): Promise<RelayResult> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .select(['id', 'payload', 'attempts'])
      .where('topic', '=', 'mail')
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now)
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await mailer.send({ ...(row.payload as Mail), messageId: outboxMessageId(row.id) });
        await trx.updateTable('outbox').set({ processed_at: now, attempts: row.attempts + 1, last_error: null, delivered_to: JSON.stringify((row.payload as Mail).to) }).where('id', '=', row.id).execute();
        sent++;
      } catch (e) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable('outbox')
          .set({ attempts, last_error: String((e as Error).message ?? e).slice(0, 500), available_at: sql`${now}::timestamptz + ${`${retryDelayMs(attempts)} milliseconds`}::interval` })
          .where('id', '=', row.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  });
}
