import { CHANNEL_TOPICS } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

/**
 * Hands back for delivery every unsent channel message (WeCom, DingTalk, SMS) handed to the
 * delivery queue at or before `lostAt`: Redis lost that queue (FLUSHALL, or a restart with nothing
 * kept), so its jobs are gone and the rows would otherwise wait out their hand-over lease. The next
 * hand-over gives them new jobs. A row whose job did survive is only handed over twice, never sent
 * twice: delivery takes the row's lock and skips a row already sent. Mail is not here: it is
 * drained from the outbox without a queue. Returns how many rows were handed back.
 */
export async function releaseChannelHandOvers(db: Db, lostAt: Date): Promise<number> {
  const result = await db.updateTable('outbox').set({ enqueued_at: null }).where('topic', 'in', CHANNEL_TOPICS).where('processed_at', 'is', null).where('enqueued_at', '<=', lostAt).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
