import { sql } from 'kysely';
import type { EngineDeps, LedgerSigner } from '@huiyin/engine';
import { buildDemoDistrict } from './data/index.ts';
import { loadMasterData } from './load-master-data.ts';
import { driveIssues } from './drive-issues.ts';
import { catchUpClocks } from './catch-up-clocks.ts';
import { seedBulletins } from './seed-bulletins.ts';
import { seedProjects } from './seed-projects.ts';

export type SeedResult = { seeded: boolean; enterprises: number; issues: number };

/** Loads the demo district; with `ifEmpty`, only into a database that has no enterprises yet. */
export async function seedDemo(deps: EngineDeps, options: { ifEmpty: boolean; issueCount?: number; ledgerSigner?: LedgerSigner | undefined }): Promise<SeedResult> {
  const existing = await deps.db.selectFrom('enterprises').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (options.ifEmpty && Number(existing.n) > 0) return { seeded: false, enterprises: Number(existing.n), issues: 0 };
  const district = buildDemoDistrict(options.issueCount === undefined ? {} : { issueCount: options.issueCount });
  const ids = await loadMasterData(deps.db, district);
  const issues = await driveIssues(deps, district, ids, deps.clock());
  await seedProjects(deps, district, ids);
  await catchUpClocks(deps, deps.clock());
  await seedBulletins(deps, options.ledgerSigner);
  // The demo's month of history is not news: its mails are marked done, not sent to the sink.
  await deps.db.updateTable('outbox').set({ processed_at: deps.clock(), last_error: 'demo history: not sent' }).where('processed_at', 'is', null).execute();
  return { seeded: true, enterprises: district.enterprises.length, issues };
}
