import { dueTimers, type Db, type TimerPort } from '@huiyin/store';

/**
 * Sets again every timer PostgreSQL says should exist. Harmless when Redis already has them
 * (same jobIds); after Redis lost everything, steps already past due fire at once.
 */
export async function reconcileTimers(db: Db, timers: TimerPort): Promise<number> {
  let count = 0;
  for await (const page of dueTimers(db)) {
    await timers.schedule(page);
    count += page.length;
  }
  return count;
}
