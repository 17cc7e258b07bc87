import type { Db } from '@huiyin/store';
import { dueTimers, startDueProjectClocks, type EngineDeps, type TimerPort } from '@huiyin/engine';

/**
 * Sets again every timer PostgreSQL says should exist. Harmless when Redis already has them
 * (same jobIds); after Redis lost everything, steps already past due fire at once. With the
 * calendar, the key projects' clocks it starts hold reminders to working hours.
 */
export async function reconcileTimers(db: Db, timers: TimerPort, calendar?: EngineDeps['calendar']): Promise<number> {
  // Key projects' clocks that should run and do not (a new report period, rows from before the
  // clocks) are started first, so their timers are among those set below; a failure there must
  // not keep the issues' timers from being set, so it is raised only after them.
  const failed = await startDueProjectClocks(db, new Date(), undefined, calendar).then(
    () => null,
    (err: unknown) => err,
  );
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
  if (failed) throw failed;
  return count;
}
