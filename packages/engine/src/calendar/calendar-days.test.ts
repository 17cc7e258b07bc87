import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@huiyin/store';
import { createCalendarFromDb } from './db-calendar.ts';
import { loadExtraDays, saveExtraDays } from './extra-days.ts';
import { sharedDatabaseUrl } from '../../../../test/support/run-scope.ts';

// The database is shared with the test files run before and after this one: these tests own the dates of 2041 and 2042.
let db: Db;
const at = (shanghaiTime: string): Date => new Date(`${shanghaiTime}+08:00`);
const admin = { source: 'admin', accountId: null };

beforeAll(() => {
  db = createDb(sharedDatabaseUrl(), { max: 2 });
});
afterAll(async () => {
  await db.destroy();
});

const rowsOf = (...dates: string[]) => db.selectFrom('calendar_days').select(['kind', 'name', 'source', 'created_by']).where('date', 'in', dates).orderBy('date').execute();

describe('saveExtraDays and loadExtraDays', () => {
  it('writes the days with their source and reads them back as YYYY-MM-DD, without a name when none was given', async () => {
    const written = await saveExtraDays(
      db,
      [
        { date: '2041-02-01', kind: 'holiday', name: '春节' },
        { date: '2041-02-09', kind: 'makeup_workday' },
      ],
      { source: '国办发明电〔2040〕示例号', accountId: null },
    );
    expect(written).toBe(2);
    const loaded = await loadExtraDays(db);
    expect(loaded).toContainEqual({ date: '2041-02-01', kind: 'holiday', name: '春节' });
    expect(loaded).toContainEqual({ date: '2041-02-09', kind: 'makeup_workday' });
    expect(await rowsOf('2041-02-01', '2041-02-09')).toEqual([
      { kind: 'holiday', name: '春节', source: '国办发明电〔2040〕示例号', created_by: null },
      { kind: 'makeup_workday', name: null, source: '国办发明电〔2040〕示例号', created_by: null },
    ]);
  });

  it('overwrites a date declared before with the new kind, name and source', async () => {
    await saveExtraDays(db, [{ date: '2041-03-04', kind: 'holiday', name: '旧名' }], { source: 'first', accountId: null });
    await saveExtraDays(db, [{ date: '2041-03-04', kind: 'makeup_workday', name: '新名' }], { source: 'second', accountId: null });
    expect(await rowsOf('2041-03-04')).toEqual([{ kind: 'makeup_workday', name: '新名', source: 'second', created_by: null }]);
  });

  it('writes nothing when one day of the batch is bad, naming it', async () => {
    const days = [
      { date: '2041-04-01', kind: 'holiday' as const },
      { date: '2041-04-01', kind: 'holiday' as const },
    ];
    await expect(saveExtraDays(db, days, admin)).rejects.toMatchObject({ code: 'validation.invalid', field: 'days.1.date' });
    await expect(saveExtraDays(db, [{ date: '2041-02-30', kind: 'holiday' }], admin)).rejects.toMatchObject({ field: 'days.0.date' });
    await expect(saveExtraDays(db, [{ date: '2041-04-02', kind: 'holiday' }], { source: '  ', accountId: null })).rejects.toMatchObject({ field: 'source' });
    expect(await rowsOf('2041-04-01', '2041-04-02')).toEqual([]);
  });

  it('rolls back the whole batch when the database refuses a row', async () => {
    const days = [
      { date: '2041-05-06', kind: 'holiday' as const },
      { date: '2041-05-07', kind: 'holiday' as const },
    ];
    // An account that does not exist: the foreign key refuses the statement.
    await expect(saveExtraDays(db, days, { source: 'admin', accountId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow();
    expect(await rowsOf('2041-05-06', '2041-05-07')).toEqual([]);
  });
});

describe('createCalendarFromDb', () => {
  it('answers with the declared days, and with days declared later only after refresh', async () => {
    await saveExtraDays(db, [{ date: '2042-01-06', kind: 'holiday', name: '测试假日' }], admin); // a Monday
    const calendar = await createCalendarFromDb(db);
    expect(calendar.day('2042-01-06')).toEqual({ date: '2042-01-06', kind: 'holiday', name: '测试假日', declared: true });
    // Friday 2042-01-03 + 1 working day: Monday is a holiday, so Tuesday's close.
    expect(calendar.addWorkingDays(at('2042-01-03T10:00:00'), 1)).toEqual(at('2042-01-07T17:30:00'));

    await saveExtraDays(db, [{ date: '2042-01-04', kind: 'makeup_workday', name: '测试假日' }], admin); // the Saturday
    expect(calendar.isWorkingDay('2042-01-04')).toBe(false);
    expect(calendar.day('2042-01-04').declared).toBe(false);
    await calendar.refresh();
    expect(calendar.isWorkingDay('2042-01-04')).toBe(true);
    expect(calendar.day('2042-01-04')).toEqual({ date: '2042-01-04', kind: 'makeup_workday', name: '测试假日', declared: true });
    expect(calendar.addWorkingDays(at('2042-01-03T10:00:00'), 1)).toEqual(at('2042-01-04T17:30:00'));
    expect(calendar.addWorkingMs(at('2042-01-03T17:00:00'), 3_600_000)).toEqual(at('2042-01-04T09:30:00'));
    expect(calendar.workingMsBetween(at('2042-01-04T00:00:00'), at('2042-01-07T00:00:00'))).toBe(7 * 3_600_000);
  });

  it('keeps the working periods it was given', async () => {
    const calendar = await createCalendarFromDb(db, {
      workingPeriods: [
        ['08:30', '12:00'],
        ['14:00', '18:00'],
      ],
    });
    expect(calendar.addLimit(at('2042-02-14T10:00:00'), { amount: 1, unit: 'workingDays' })).toEqual(at('2042-02-17T18:00:00'));
  });
});
