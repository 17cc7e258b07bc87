import { waitsForWorkingTime, type ChannelMessage, type ChannelTopic } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { channelFailed, channelOf, channelSent } from './channel-health.ts';
import type { ChannelSender } from './channels/channel-sender.ts';

/** The working calendar's one method the quiet hours need (packages/calendar `WorkingCalendar`). */
export type WorkingTime = { addWorkingMs(from: Date, ms: number): Date };

/** The first working instant at or after `at`: `at` itself within a working period. */
export function workingInstant(calendar: WorkingTime, at: Date): Date {
  return new Date(calendar.addWorkingMs(at, 1).getTime() - 1);
}

export type ChannelDeps = {
  db: Db;
  sender: ChannelSender;
  calendar: WorkingTime;
  now?: () => Date;
  /** Told once when a channel's failures reach the count to report (the engine's `reportFailingChannel`). */
  failing?: (channel: string, error: string) => Promise<void>;
};

/**
 * A message refused this many times is closed with its last error, for the admins to see: an SMS
 * to a number the vendor will never take must not come back every ten minutes for ever, nor keep
 * its channel reported as failing. The mail beside it (every notice has one) still goes.
 */
export const CHANNEL_ATTEMPTS_BEFORE_GIVING_UP = 24;

/** sent; held for quiet hours; not sendable as configured (kept with why); already sent; gone. */
export type ChannelDelivery = 'sent' | 'held' | 'unsendable' | 'already_sent' | 'not_found';

/**
 * Sends one channel message (`wecom`, `dingtalk`, `sms`) if still unsent, under its outbox row's
 * lock, so a retried or doubled job never sends it twice once a send is recorded. A send whose
 * answer is lost (a vendor timeout, a crash before the commit) is tried again: at least once, as
 * the vendors take our row id (`OutId`, `SessionContext`) to trace a copy, not to drop it. A reminder or yellow card outside working
 * time is held: the row waits for the next working period. A message its channel cannot carry as
 * configured (a robot removed, no SMS template for its kind) is closed with the reason, which the
 * admins see. A failed send records the attempt on the row and the channel's health, reports a
 * channel that keeps failing, and throws for the queue's retry.
 */
export async function deliverChannelMessage(deps: ChannelDeps, outboxId: string): Promise<ChannelDelivery> {
  const now = (deps.now ?? (() => new Date()))();
  let failure: { error: Error; channel: string } | null = null;
  const result = await deps.db.transaction().execute(async (trx): Promise<ChannelDelivery | 'failed'> => {
    const row = await trx.selectFrom('outbox').select(['id', 'topic', 'payload', 'attempts', 'processed_at']).where('id', '=', outboxId).forUpdate().executeTakeFirst();
    if (!row) return 'not_found';
    if (row.processed_at) return 'already_sent';
    const message = row.payload as ChannelMessage;
    const topic = row.topic as ChannelTopic;
    if (waitsForWorkingTime(message.kind)) {
      const open = workingInstant(deps.calendar, now);
      if (open > now) {
        await trx.updateTable('outbox').set({ available_at: open, enqueued_at: null }).where('id', '=', row.id).execute();
        return 'held';
      }
    }
    const robot = message.hook ? ((await trx.selectFrom('notice_webhooks').select(['url', 'secret']).where('id', '=', message.hook).where('enabled', '=', true).executeTakeFirst()) ?? null) : null;
    const channel = channelOf(topic, message.hook);
    try {
      const outcome = await deps.sender.send(topic, message, { robot, outId: row.id, at: now });
      if (!outcome.sent) {
        await trx.updateTable('outbox').set({ processed_at: now, last_error: outcome.why }).where('id', '=', row.id).execute();
        return 'unsendable';
      }
    } catch (e) {
      failure = { error: e instanceof Error ? e : new Error(String(e)), channel };
      return 'failed';
    }
    await trx
      .updateTable('outbox')
      .set({ processed_at: now, attempts: row.attempts + 1, last_error: null, delivered_to: JSON.stringify(message.to ?? [channel]) })
      .where('id', '=', row.id)
      .execute();
    await channelSent(trx, channel, now);
    return 'sent';
  });
  if (result !== 'failed') return result;
  const { error, channel } = failure ?? { error: new Error('send failed'), channel: 'unknown' };
  const why = error.message.slice(0, 500);
  const { attempts } = await deps.db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: why }))
    .where('id', '=', outboxId)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  if (attempts >= CHANNEL_ATTEMPTS_BEFORE_GIVING_UP) {
    await deps.db
      .updateTable('outbox')
      .set({ processed_at: now, last_error: `gave up after ${attempts} attempts: ${why}`.slice(0, 500) })
      .where('id', '=', outboxId)
      .where('processed_at', 'is', null)
      .execute();
  }
  if ((await channelFailed(deps.db, channel, why, now)) && deps.failing) await deps.failing(channel, why);
  throw error;
}
