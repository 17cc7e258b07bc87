import type { Db } from '@huiyin/store';
import { startDueProjectClocks, type EngineDeps } from '@huiyin/engine';
import type { ClockTimers } from './clock-timers.ts';
import { dueInstants } from './due-instants-sql.ts';

/**
 * Sets again every timer PostgreSQL says should exist: one job per distinct instant
 * (`due-instants.ts`). Harmless when the backend already has them (same job ids); after Redis
 * lost everything, steps already past due are drained at once. With the calendar, the key
 * projects' clocks it starts hold reminders to working hours. `now` is the engine's clock (a test
 * may run it ahead of the wall clock, as it does the timers'). Returns the instants set.
 */
export async function reconcileTimers(db: Db, timers: Pick<ClockTimers, 'arm'>, calendar?: EngineDeps['calendar'], now: () => Date = () => new Date()): Promise<number> {
  // Key projects' clocks that should run and do not (a new report period, rows from before the
  // clocks) are started first, so their timers are among those set below; a failure there must
  // not keep the issues' timers from being set, so it is raised only after them.
  const failed = await startDueProjectClocks(db, now(), undefined, calendar).then(
    () => null,
    (err: unknown) => err,
  );
  const instants = await dueInstants(db, now());
  await timers.arm(instants);
  if (failed) throw failed;
  return instants.length;
}
