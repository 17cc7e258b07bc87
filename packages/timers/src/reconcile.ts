import { dueTimers, type Db, type TimerPort } from '@huiyin/store';

/**
 * Sets again every timer PostgreSQL says should exist. Harmless when Redis already has them
 * (same jobIds); after Redis lost everything, steps already past due fire at once.
 */
export async function reconcileTimers(db: Db, timers: TimerPort): Promise<number> {
  let count = 0;
  // The next page is read from PostgreSQL while the last one goes to Redis.
  let setting: Promise<void> = Promise.resolve();
  for await (const page of dueTimers(db)) {
    await setting;
    setting = timers.schedule(page);
    // Awaited at the next page; until then a failure must not count as unhandled.
    setting.catch(() => undefined);
    count += page.length;
  }
  await setting;
  return count;
}
