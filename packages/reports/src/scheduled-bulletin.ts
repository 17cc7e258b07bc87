import type { WorkingCalendar } from '@huiyin/calendar';
import type { Db } from '@huiyin/store';
import type { BulletinSection } from './build-bulletin.ts';
import { generateBulletin } from './bulletins.ts';
import { APPEAL_WINDOW, periodJustEnded } from './period.ts';

/** The job the worker's scheduler runs (name and handler): see `BULLETIN_SCHEDULE` for when. */
export const BULLETIN_JOB = 'semi-monthly-bulletin';

/**
 * The scheduled run: the bulletin of the half-month that just ended, stored and mailed once
 * however often the job runs, and only once the period's appeal window (`APPEAL_WINDOW` after its
 * end) has closed, so the figures it freezes carry the appeals decided by then; appeals still
 * pending are listed as pending. Before that, nothing is published (`bulletinId` null).
 */
export async function runScheduledBulletin(
  deps: { db: Db; calendar: WorkingCalendar; clock: () => Date },
  options: { sections?: Record<string, BulletinSection> | undefined } = {},
): Promise<{ bulletinId: string | null; periodId: string; appealsCloseAt: string; created: boolean; mailed: number }> {
  const now = deps.clock();
  const period = periodJustEnded(now);
  // Counted from the period's last day, as a limit from a day is: its next working day is the first.
  const appealsCloseAt = deps.calendar.addLimit(new Date(period.end.getTime() - 1), APPEAL_WINDOW);
  if (now < appealsCloseAt) return { bulletinId: null, periodId: period.id, appealsCloseAt: appealsCloseAt.toISOString(), created: false, mailed: 0 };
  const { bulletin, created, mailed } = await generateBulletin(deps, { period, kind: 'scheduled', generatedBy: null, sections: options.sections });
  return { bulletinId: bulletin.id, periodId: period.id, appealsCloseAt: appealsCloseAt.toISOString(), created, mailed };
}
