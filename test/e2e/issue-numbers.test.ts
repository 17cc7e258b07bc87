import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { createDb, dropDatabase, ensureDatabase, migrateTo, migrateToLatest, type Db } from '@huiyin/store';
import { takeIssueNumbers } from '@huiyin/engine';
import { runDatabaseUrl } from '../support/run-scope.ts';

/**
 * Issue numbers come from one sequence a year (T14), converted from the counter rows an older
 * database holds; a year's first filing creates its sequence after any number already taken.
 */
let db: Db;
let url: string;
const at = (year: number) => new Date(`${year}-06-01T04:00:00Z`);

beforeAll(async () => {
  url = runDatabaseUrl(inject('templateDatabaseUrl'), 'numbers');
  await ensureDatabase(url);
  db = createDb(url, { max: 4 });
});
afterAll(async () => {
  await db?.destroy();
  await dropDatabase(url);
});

describe('issue numbers', () => {
  it('carries on from the counter rows of a database migrated before T14, and gives them back on the way down', async () => {
    expect((await migrateTo(db, '2026-11-26T13-open-list-indexes')).error).toBeUndefined();
    await sql`insert into issue_counters (year, last) values (2026, 41), (2025, 7), (2024, 3)`.execute(db);
    expect((await migrateToLatest(db)).error).toBeUndefined();
    expect(await takeIssueNumbers(db, at(2026), 3)).toEqual(['2026-000042', '2026-000043', '2026-000044']);
    expect(await takeIssueNumbers(db, at(2025), 1)).toEqual(['2025-000008']);
    expect((await migrateTo(db, '2026-11-26T13-open-list-indexes')).error).toBeUndefined();
    const { rows } = await sql<{ year: number; last: number }>`select year, last from issue_counters order by year`.execute(db);
    // 2024's sequence was never used: its counter comes back as it was.
    expect(rows).toEqual([
      { year: 2024, last: 3 },
      { year: 2025, last: 8 },
      { year: 2026, last: 44 },
    ]);
    expect((await migrateToLatest(db)).error).toBeUndefined();
    expect(await takeIssueNumbers(db, at(2026), 1)).toEqual(['2026-000045']);
  });

  it('starts a new year at 1, unique and increasing under concurrent takers', async () => {
    const taken = (await Promise.all(Array.from({ length: 8 }, () => takeIssueNumbers(db, at(2031), 5)))).flat();
    expect(new Set(taken).size).toBe(40);
    expect([...taken].sort()).toEqual(Array.from({ length: 40 }, (_, n) => `2031-${String(n + 1).padStart(6, '0')}`));
  });

  it('starts a year whose sequence is missing after the numbers already in the table', async () => {
    const [first] = await takeIssueNumbers(db, at(2032), 1);
    expect(first).toBe('2032-000001');
    // As if issues of 2032 had been imported without their sequence.
    await sql`drop sequence issue_numbers_2032`.execute(db);
    const category = (
      await sql<{ id: string }>`insert into categories (code, name, green_channel, claim_limit, handling_limit, supplement_limit, rating_limit, rating_timeout_outcome)
      values ('n', '编号', false, '{"amount":1,"unit":"workingDays"}', '{"amount":5,"unit":"workingDays"}', '{"amount":5,"unit":"workingDays"}', '{"amount":3,"unit":"workingDays"}', 'close_unrated') returning id`.execute(
        db,
      )
    ).rows[0]!.id;
    const enterprise = (
      await sql<{
        id: string;
      }>`insert into enterprises (name, credit_code, is_key, industry, address, contacts) values ('编号企业', '91410311MA44A1B2CG', true, '制造', '霁川区', '[]') returning id`.execute(db)
    ).rows[0]!.id;
    const account = (await sql<{ id: string }>`insert into accounts (login, password_hash, enterprise_id) values ('numbers', 'x', ${enterprise}) returning id`.execute(db)).rows[0]!.id;
    await sql`insert into issues (number, enterprise_id, category_id, title, description, channel, filed_by, state, stage, status_note, snapshot, version, green_channel, expected_due_at, filed_at, updated_at)
      values ('2032-000117', ${enterprise}, ${category}, '导入', '导入', 'portal', ${account}, 'submitted', 'submitted', '', '{}', 1, false, now(), now(), now())`.execute(db);
    expect(await takeIssueNumbers(db, at(2032), 2)).toEqual(['2032-000118', '2032-000119']);
  });
});
