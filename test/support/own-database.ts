import { inject } from 'vitest';
import { copyDatabase, dropDatabase } from '@huiyin/store';
import { runDatabaseUrl } from './run-scope.ts';

/**
 * A migrated database of the test file's own, for suites that read whole tables (the outbox
 * relay, the demo seed) or need a district alone on their pages: a copy of the run's migrated one.
 */
export async function ownDatabase(suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = inject('templateDatabaseUrl');
  const databaseUrl = runDatabaseUrl(template, suffix);
  await copyDatabase(template, databaseUrl);
  return { url: databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
