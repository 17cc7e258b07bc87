import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anyUuid } from '../../packages/reports/src/facts.ts';
import { createDb } from '@huiyin/store';
import { sharedDatabaseUrl } from '../support/run-scope.ts';

const db = createDb(sharedDatabaseUrl(), { max: 2 });
afterAll(() => db.destroy());

// Regression: a bulletin over a million-issue district passed each counted id as its own bind
// parameter and PostgreSQL refused the statement past 65 535 of them.
describe('anyUuid', () => {
  it('matches ids through one parameter, however many there are', async () => {
    const ids = Array.from({ length: 70_000 }, () => randomUUID());
    const known = await db.selectFrom('issues').select('id').limit(1).execute();
    const rows = await db
      .selectFrom('issues')
      .select('id')
      .where('id', '=', anyUuid([...ids, ...known.map((r) => r.id)]))
      .execute();
    expect(rows.map((r) => r.id)).toEqual(known.map((r) => r.id));
  });
});
