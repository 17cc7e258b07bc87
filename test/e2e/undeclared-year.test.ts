import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { calendarStatus, warnUndeclaredYear } from '@huiyin/engine';
import { ownDatabase } from '../support/own-database.ts';
import { insertCategory } from '../support/category.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';

// chinese-days knows no holidays after 2026: a due time counted into 2027 is provisional, the API
// and the console say so, and the admins are warned from 1 November until someone imports the
// year (docs/domain.md#working-calendar). A database of its own: it declares 2027 days.

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let admin: string;
// Monday 28 December 2026, 10:00 Shanghai: ten working days run into 2027.
const NOW = new Date('2026-12-28T02:00:00.000Z');

beforeAll(async () => {
  own = await ownDatabase('undeclared_year');
  api = await startApi({ DATABASE_URL: own.url }, { calendarFromDb: true, clock: () => NOW });
  d = await createDistrict(api.db);
  admin = await api.login(d.people.admin.login);
});
afterAll(async () => {
  await api.close();
  await own.drop();
});

type Due = { dueAt: string; provisional: boolean; undeclaredYears: number[] };
const due = async (from: string, workingDays: number) => (await api.call(admin, 'GET', `/api/v1/calendar/due?from=${encodeURIComponent(from)}&workingDays=${workingDays}`)).json() as Due;

describe('a year with no declared holidays', () => {
  it('makes a due time counted into it provisional, until its holidays are imported', async () => {
    expect(await due('2026-06-01T02:00:00.000Z', 5)).toMatchObject({ provisional: false, undeclaredYears: [] });
    const before = await due(NOW.toISOString(), 10);
    expect(before).toMatchObject({ provisional: true, undeclaredYears: [2027] });
    // Counted as a working day while undeclared: 1 January 2027.
    expect(before.dueAt).toBe('2027-01-11T09:30:00.000Z');

    const days = (amount: number) => ({ amount, unit: 'workingDays' as const });
    const categoryId = await insertCategory(api.db, { claim: days(1), handling: days(10), supplement: days(5), rating: days(3) });
    const ent = await api.login(d.entA.login);
    const filed = await api.call(ent, 'POST', '/api/v1/issues', { categoryId, title: '跨年诉求', description: '跨年的办理时限' });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = (filed.json() as { id: string }).id;
    const detail = async () => (await api.call(ent, 'GET', `/api/v1/issues/${id}`)).json() as { provisional: boolean; undeclaredYears: number[]; expectedDueAt: string };
    expect(await detail()).toMatchObject({ provisional: true, undeclaredYears: [2027] });

    // The State Council's notice arrives: 1 January is a holiday.
    const declared = await api.call(admin, 'POST', '/api/v1/calendar/days', { source: '国办发明电〔2026〕X号', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(declared.statusCode, declared.body).toBe(201);
    const after = await due(NOW.toISOString(), 10);
    expect(after).toMatchObject({ provisional: false, undeclaredYears: [], dueAt: '2027-01-12T09:30:00.000Z' });
    expect(await detail()).toMatchObject({ provisional: false, undeclaredYears: [] });
    const changes = (await api.call(admin, 'GET', '/api/v1/audit/policy-changes')).json() as { items: Array<{ subjectId: string }> };
    expect(changes.items.map((c) => c.subjectId)).toContain('2027-01-01');
  });

  it('warns the admins from 1 November, once, while next year is undeclared', async () => {
    const calendar = createWorkingCalendar();
    expect(calendarStatus(calendar, new Date('2026-10-31T15:00:00.000Z'))).toMatchObject({ nextYear: 2027, nextYearDeclared: false, warn: false });
    expect(calendarStatus(calendar, new Date('2026-10-31T16:00:00.000Z'))).toMatchObject({ nextYear: 2027, warn: true });
    expect(calendarStatus(createWorkingCalendar({ extraDays: [{ date: '2027-01-01', kind: 'holiday' }] }), new Date('2026-11-15T02:00:00.000Z'))).toMatchObject({
      nextYearDeclared: true,
      warn: false,
    });
    const deps = { db: api.db, calendar, clock: () => new Date('2026-11-02T02:00:00.000Z') };
    expect(await warnUndeclaredYear(deps)).toBe(true);
    expect(await warnUndeclaredYear(deps)).toBe(true);
    const mails = (await api.db.selectFrom('outbox').select('payload').execute()).map((m) => m.payload as { to: string[]; subject: string }).filter((m) => m.subject.startsWith('【节假日未公布】'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to.join()).toContain(d.people.admin.login);
    const status = (await api.call(admin, 'GET', '/api/v1/calendar/status')).json() as { warn: boolean; nextYearDeclared: boolean };
    // The API's own calendar has 2027's first holiday by now (the test before imported it).
    expect(status).toMatchObject({ nextYearDeclared: true, warn: false });
  });
});
