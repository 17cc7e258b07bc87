import type { Db } from '@huiyin/store';
import { outboxMessageId, type Mail, type Mailer } from './mailer.ts';

export type Delivery = 'sent' | 'already_sent' | 'not_found';

/**
 * Sends one outbox mail if it is still unsent, holding its row lock while it does, so a retried
 * or duplicated job never sends it twice; the delivery (time, recipients, attempts) is kept on
 * the row. A failed send records the attempt and its error, then throws for the caller's retry.
 * A crash between the SMTP server's acceptance and the commit can still send it again: at least
 * once, but always under the row's one Message-ID, so the copy is the same message, not a second.
 */
export async function deliverOutboxMail(db: Db, mailer: Mailer, outboxId: string, now: () => Date): Promise<Delivery> {
  let failure: Error | null = null;
  const result = await db.transaction().execute(async (trx): Promise<Delivery | 'failed'> => {
    const row = await trx.selectFrom('outbox').select(['id', 'payload', 'attempts', 'processed_at']).where('id', '=', outboxId).forUpdate().executeTakeFirst();
    if (!row) return 'not_found';
    if (row.processed_at) return 'already_sent';
    const kept = row.payload as Mail;
    const mail: Mail = { ...kept, messageId: outboxMessageId(row.id) };
    try {
      await mailer.send(mail);
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
      return 'failed';
    }
    await trx
      .updateTable('outbox')
      .set({
        processed_at: now(),
        attempts: row.attempts + 1,
        last_error: null,
        delivered_to: JSON.stringify(mail.to),
        // A secret link has done its work once sent: the row (and every backup after) keeps none.
        ...(kept.secretLink ? { payload: JSON.stringify({ ...kept, link: undefined }) } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    return 'sent';
  });
  if (result !== 'failed') return result;
  const error: Error = failure ?? new Error('send failed');
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.message.slice(0, 500) }))
    .where('id', '=', outboxId)
    .execute();
  throw error;
}
