import { inject } from 'vitest';
import { dropDatabase, prepareDatabase } from '@huiyin/store';

/**
 * A migrated database of the test file's own, for suites that read whole tables (the outbox
 * relay, the demo seed) and so must not see rows that other files write in parallel.
 */
export async function ownDatabase(suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `${url.pathname}_${suffix}`;
  const databaseUrl = url.toString();
  await prepareDatabase(databaseUrl);
  return { url: databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
