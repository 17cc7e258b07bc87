import { sql } from 'kysely';
import type { Db, Tx } from '@huiyin/store';

/** Failures in a row after which a channel is reported to the admins (once, until it sends again). */
export const FAILURES_TO_REPORT = 3;

/** A sent message clears its channel's run of failures, so its next outage is reported again. */
export async function channelSent(trx: Tx, channel: string, at: Date): Promise<void> {
  await trx
    .insertInto('notice_channel_health')
    .values({ channel, last_sent_at: at })
    .onConflict((oc) => oc.column('channel').doUpdateSet({ consecutive_failures: 0, last_sent_at: at, reported_at: null }))
    .execute();
}

/**
 * Counts one failure of a channel; true the one time its run reaches `FAILURES_TO_REPORT`
 * unreported, for the caller to report it (the row is marked reported in the same statement, so
 * two workers failing at once report it once).
 */
export async function channelFailed(db: Db, channel: string, error: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('notice_channel_health')
    .values({ channel, consecutive_failures: 1, last_error: error, last_failed_at: at })
    .onConflict((oc) =>
      oc.column('channel').doUpdateSet({
        consecutive_failures: sql`notice_channel_health.consecutive_failures + 1`,
        last_error: error,
        last_failed_at: at,
        reported_at: sql`case when notice_channel_health.reported_at is null and notice_channel_health.consecutive_failures + 1 >= ${FAILURES_TO_REPORT} then ${at}::timestamptz else notice_channel_health.reported_at end`,
      }),
    )
    .returning(['consecutive_failures', 'reported_at'])
    .executeTakeFirstOrThrow();
  return row.reported_at !== null && new Date(row.reported_at).getTime() === at.getTime() && row.consecutive_failures >= FAILURES_TO_REPORT;
}

/** The health key of a message's channel: its robot, or the SMS vendor. */
export const channelOf = (topic: string, hook: string | undefined): string => (hook ? `webhook:${hook}` : topic);
