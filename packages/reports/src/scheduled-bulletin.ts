import type { Db } from '@huiyin/store';
import type { BulletinSection } from './build-bulletin.ts';
import { generateBulletin } from './bulletins.ts';
import { periodJustEnded } from './period.ts';

/** The job the worker's scheduler runs (name and handler): see `BULLETIN_SCHEDULE` for when. */
export const BULLETIN_JOB = 'semi-monthly-bulletin';

/**
 * The scheduled run: the bulletin of the half-month that just ended, stored and mailed once
 * however often the job runs.
 */
export async function runScheduledBulletin(deps: { db: Db; clock: () => Date }, options: { sections?: Record<string, BulletinSection> | undefined } = {}) {
  const period = periodJustEnded(deps.clock());
  const { bulletin, created, mailed } = await generateBulletin(deps, { period, kind: 'scheduled', generatedBy: null, sections: options.sections });
  return { bulletinId: bulletin.id, periodId: period.id, created, mailed };
}
