import { projectBulletinSection, type EngineDeps } from '@huiyin/engine';
import { bulletinPeriodOf, generateBulletin, periodJustEnded } from '@huiyin/reports';

/**
 * The demo's last two half-month bulletins, as the scheduler would have stored them (computed
 * now from the seeded history, key projects' section included), so the bulletin pages have
 * something to show on day one.
 */
export async function seedBulletins(deps: Pick<EngineDeps, 'db' | 'clock'>): Promise<string[]> {
  const last = periodJustEnded(deps.clock());
  const before = bulletinPeriodOf(new Date(last.start.getTime() - 1));
  const ids: string[] = [];
  for (const period of [before, last]) ids.push((await generateBulletin(deps, { period, kind: 'scheduled', generatedBy: null, sections: { projects: projectBulletinSection } })).bulletin.id);
  return ids;
}
