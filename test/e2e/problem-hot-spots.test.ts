import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWorkingCalendar } from '@huiyin/calendar';
import { textGrams, type Actor } from '@huiyin/domain';
import { hotSpots } from '@huiyin/reports';
import { createDb, type Db } from '@huiyin/store';
import { seedDemo } from '@huiyin/cli/seed';
import { ownDatabase } from '../support/own-database.ts';

// The demo district in a database of its own: the board's hot spots over all of it.
let db: Db;
let own: Awaited<ReturnType<typeof ownDatabase>>;
const POWER_CUT = '线路故障频繁停电影响连续生产';

beforeAll(async () => {
  own = await ownDatabase('hotspots');
  db = createDb(own.url, { max: 4 });
  await seedDemo({ db, calendar: createWorkingCalendar(), clock: () => new Date() }, { ifEmpty: true });
}, 600_000);
afterAll(async () => {
  await db.destroy();
  await own.drop();
});

const actorOf = async (role: 'supervisor' | 'dispatcher'): Promise<Actor> => {
  const o = await db
    .selectFrom('officials')
    .innerJoin('accounts', 'accounts.official_id', 'officials.id')
    .select(['officials.id', 'accounts.id as accountId'])
    .where(sql<boolean>`${role} = any(officials.roles)`)
    .executeTakeFirstOrThrow();
  return { kind: 'official', accountId: o.accountId, officialId: o.id, roles: [role], unitId: null, leaderId: null };
};

describe('the same problem from many enterprises (同类问题)', () => {
  it('shows the demo’s power cuts as one hot spot on the board, with every enterprise that filed them', async () => {
    const filed = await db.selectFrom('issues').select('enterprise_id').where('title', '=', POWER_CUT).where('duplicate_of', 'is', null).execute();
    const enterprises = new Set(filed.map((r) => r.enterprise_id)).size;
    expect(enterprises).toBeGreaterThanOrEqual(2);
    const spots = await hotSpots(db, await actorOf('supervisor'), { days: 90, to: new Date(), minCount: 2, limit: 10, problemLimit: 30 });
    const cluster = spots.byProblem.find((c) => c.name === POWER_CUT);
    expect(cluster, JSON.stringify(spots.byProblem.map((c) => c.name))).toBeDefined();
    expect(cluster!.enterprises).toBeGreaterThanOrEqual(enterprises);
    expect(cluster!.count).toBeGreaterThanOrEqual(filed.length);
    expect(cluster!.issues.some((i) => i.title === POWER_CUT)).toBe(true);
    // The category counts alone never named it: it is the text that makes the nine one problem.
    expect(spots.byCategory.map((c) => c.name)).not.toContain(POWER_CUT);
    // Only problems from several enterprises, most enterprises first.
    expect(spots.byProblem.every((c) => c.enterprises >= 2)).toBe(true);
    expect(spots.byProblem.map((c) => c.enterprises)).toEqual([...spots.byProblem.map((c) => c.enterprises)].sort((a, b) => b - a));
  });

  it('keeps the same bigrams in PostgreSQL (issue_texts) as the engine computes, for every demo text', async () => {
    const rows = await db.selectFrom('issues').innerJoin('issue_texts', 'issue_texts.issue_id', 'issues.id').select(['issues.title', 'issues.description', 'issue_texts.grams']).execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.grams, r.title).toEqual(textGrams(`${r.title} ${r.description}`));
  });
});
