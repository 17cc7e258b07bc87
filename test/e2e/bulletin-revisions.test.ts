import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWorkingCalendar } from '@huiyin/calendar';
import { runScheduledBulletin } from '@huiyin/reports';
import { createDb, migrateTo, migrateToLatest } from '@huiyin/store';
import { ownDatabase } from '../support/own-database.ts';
import { expectProblem } from './e2e-district.ts';
import { openReportsDistrict, type ReportsDistrict } from './reports-district.ts';

/** One bulletin per period, a revision only when asked for on purpose; on a test clock in May 2026. */
let t: ReportsDistrict;
type Summary = { id: string; periodId: string; kind: string; revision: number };

beforeAll(async () => {
  t = await openReportsDistrict('bulletin_revisions');
  t.set('2026-05-06T01:00:00Z');
  const issue = await t.file('entA');
  await t.ok('dispatcher', issue.id, 'list');
  await t.ok('dispatcher', issue.id, 'dispatch');
}, 60_000);
afterAll(() => t?.close());

const count = async (period: string) => (await t.api.db.selectFrom('bulletins').select('id').where('period_id', '=', period).execute()).length;
const listed = async (period: string) => ((await t.get('headA', `/api/v1/bulletins?period=${period}`)).json() as { items: Summary[]; total: number }).items;

describe('one bulletin per period', () => {
  it('refuses a second bulletin of a period with 409 naming it, and stores a revision only when asked', async () => {
    t.set('2026-05-07T02:00:00Z');
    const first = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ periodId: '2026-05-H1', revision: 0, kind: 'on_demand' });

    const again = expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1' }), 409);
    expect(again.code).toBe('bulletin.period_taken');
    expect(again['period']).toBe('2026-05-H1');
    expect(String(again['detail'])).toContain('2026-05-H1');
    expect(again.errors?.map((e) => e.field)).toEqual(['period']);
    expect(await count('2026-05-H1')).toBe(1);

    t.set('2026-05-07T03:00:00Z');
    const revised = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1', revision: true });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(revised.json()).toMatchObject({ periodId: '2026-05-H1', revision: 1 });
    const second = await t.post('admin', '/api/v1/bulletins', { period: '2026-05-H1', revision: true });
    expect(second.json()).toMatchObject({ revision: 2 });
    // The list tells them apart: newest first, each with its revision number.
    expect((await listed('2026-05-H1')).map((b) => b.revision)).toEqual([2, 1, 0]);
    // A revision asked for a period without a bulletin is simply its first.
    const fresh = await t.post('supervisor', '/api/v1/bulletins', { period: '2026-04-H2', revision: true });
    expect(fresh.json()).toMatchObject({ periodId: '2026-04-H2', revision: 0 });
  });

  it('marks a revision in its print view and keeps the first one as it was', async () => {
    const [newest, , original] = await listed('2026-05-H1');
    const printed = await t.get('headA', `/api/v1/bulletins/${newest?.id}/print`);
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(printed.body).toContain('修订版 2');
    const first = await t.get('headA', `/api/v1/bulletins/${original?.id}/print`);
    expect(first.body).not.toContain('修订版');
  });

  it('lets only one of two simultaneous requests make the first bulletin of a period', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => t.post('supervisor', '/api/v1/bulletins', { period: '2026-04-H1' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await count('2026-04-H1')).toBe(1);
  });

  it('accepts only real half months that have begun', async () => {
    for (const period of ['7383-08-H1', '1999-12-H2', '2026-13-H1', '2026-05-H3', '2026年5月']) {
      const bad = expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period }), 400);
      expect(
        bad.errors?.map((e) => e.field.replace(/^body\./, '')),
        period,
      ).toEqual(['period']);
    }
    // 16–31 May has not begun on 7 May.
    const future = expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H2' }), 400);
    expect(future.errors?.map((e) => e.field)).toEqual(['period']);
    expect(await count('2026-05-H2')).toBe(0);
    expectProblem(await t.get('headA', '/api/v1/bulletins?period=7383-08-H1'), 400);
  });

  it('keeps the scheduled run idempotent: after an on-demand bulletin it stores one revision, once, and refuses no one', async () => {
    const calendar = createWorkingCalendar();
    const run = (at: string) => runScheduledBulletin({ db: t.api.db, calendar, clock: () => new Date(at) });
    // 2026-05-H1 has three bulletins on demand; the scheduler's, after its appeal window, is the next.
    const first = await run('2026-05-25T00:30:00Z');
    expect(first).toMatchObject({ periodId: '2026-05-H1', created: true });
    const again = await run('2026-05-26T00:30:00Z');
    expect(again).toMatchObject({ bulletinId: first.bulletinId, created: false, mailed: 0 });
    const scheduled = (await listed('2026-05-H1')).filter((b) => b.kind === 'scheduled');
    expect(scheduled).toEqual([expect.objectContaining({ id: first.bulletinId, revision: 3 })]);
    expect(await count('2026-05-H1')).toBe(4);
    // And the rule holds after it as before.
    t.set('2026-05-26T02:00:00Z');
    expect(expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H1' }), 409).code).toBe('bulletin.period_taken');
    // A period with no bulletin gets the scheduler's as its first.
    const june = await run('2026-06-05T00:30:00Z');
    expect(june).toMatchObject({ periodId: '2026-05-H2', created: true });
    expect(await listed('2026-05-H2')).toEqual([expect.objectContaining({ kind: 'scheduled', revision: 0 })]);
    expect(expectProblem(await t.post('supervisor', '/api/v1/bulletins', { period: '2026-05-H2' }), 409).code).toBe('bulletin.period_taken');
  });

  it('numbers the bulletins a database held before the rule in the order they were generated', async () => {
    const own = await ownDatabase('bulletin_revisions_migration');
    const db = createDb(own.url, { max: 2 });
    try {
      const ours = '2026-12-06T26-bulletin-revisions';
      const names = readdirSync(resolve(import.meta.dirname, '../../packages/store/src/migrations')).map((f) => f.replace(/\.ts$/, ''));
      const before =
        names
          .filter((n) => n < ours)
          .sort()
          .at(-1) ?? '';
      expect((await migrateTo(db, before)).error).toBeUndefined();
      const row = (period: string, kind: string, at: string) =>
        sql`(${period}, ${`${period.slice(0, 7)}-01T00:00:00Z`}::timestamptz, ${`${period.slice(0, 7)}-16T00:00:00Z`}::timestamptz, ${kind}, ${at}::timestamptz, '{}'::jsonb)`;
      await sql`insert into bulletins (period_id, period_start, period_end, kind, generated_at, content) values ${sql.join([
        row('2026-01-H1', 'on_demand', '2026-01-10T00:00:00Z'),
        row('2026-01-H1', 'scheduled', '2026-01-21T00:30:00Z'),
        row('2026-01-H1', 'on_demand', '2026-01-08T00:00:00Z'),
        row('2026-01-H2', 'on_demand', '2026-02-05T00:00:00Z'),
      ])}`.execute(db);
      expect((await migrateToLatest(db)).error).toBeUndefined();
      const { rows } = await sql<{ period_id: string; kind: string; revision: number }>`select period_id, kind, revision from bulletins order by period_id, generated_at`.execute(db);
      expect(rows).toEqual([
        { period_id: '2026-01-H1', kind: 'on_demand', revision: 0 },
        { period_id: '2026-01-H1', kind: 'on_demand', revision: 1 },
        { period_id: '2026-01-H1', kind: 'scheduled', revision: 2 },
        { period_id: '2026-01-H2', kind: 'on_demand', revision: 0 },
      ]);
      // Still frozen afterwards.
      await expect(sql`update bulletins set revision = 9`.execute(db)).rejects.toThrow(/frozen/);
    } finally {
      await db.destroy();
      await own.drop();
    }
  }, 120_000);
});
