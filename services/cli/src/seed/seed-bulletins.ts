import { ledgerCheckpointSection, projectBulletinSection, type EngineDeps, type LedgerSigner } from '@huiyin/engine';
import { bulletinPeriodOf, generateBulletin, periodJustEnded } from '@huiyin/reports';

/**
 * The demo's last two half-month bulletins, as the scheduler would have stored them (computed
 * now from the seeded history, key projects' section included, and a signed ledger checkpoint
 * when given the key), so the bulletin pages have something to show on day one.
 */
export async function seedBulletins(deps: Pick<EngineDeps, 'db' | 'clock'>, signer?: LedgerSigner): Promise<string[]> {
  const sections = { projects: projectBulletinSection, ...(signer ? { ledgerCheckpoint: ledgerCheckpointSection(signer) } : {}) };
  const last = periodJustEnded(deps.clock());
  const before = bulletinPeriodOf(new Date(last.start.getTime() - 1));
  const ids: string[] = [];
  for (const period of [before, last]) ids.push((await generateBulletin(deps, { period, kind: 'scheduled', generatedBy: null, sections })).bulletin.id);
  return ids;
}
