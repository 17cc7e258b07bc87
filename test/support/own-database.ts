import { inject } from 'vitest';
import { createDb, dropDatabase, ensureDatabase, migrateToLatest } from '@huiyin/store';

/**
 * A migrated database of the test file's own, for suites that read whole tables (the outbox
 * relay, the demo seed) and so must not see rows that other files write in parallel.
 */
export async function ownDatabase(suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `${url.pathname}_${suffix}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 1 });
  const m = await migrateToLatest(db);
  await db.destroy();
  if (m.error) throw m.error;
  return { url: databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
