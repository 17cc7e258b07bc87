import { endOfShanghaiDay, shanghaiDate } from '@huiyin/calendar';
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { addDays, isDay, isPeriodEnd, periodEndOn, periodEndsBetween, periodEnding } from './report-periods.ts';

describe('the semi-monthly report schedule', () => {
  test('reports are due by the 15th and by the last day of the month', () => {
    expect(periodEndOn('2026-11-01')).toBe('2026-11-15');
    expect(periodEndOn('2026-11-15')).toBe('2026-11-15');
    expect(periodEndOn('2026-11-16')).toBe('2026-11-30');
    expect(periodEndOn('2027-02-20')).toBe('2027-02-28');
    expect(periodEndOn('2028-02-20')).toBe('2028-02-29');
    expect(periodEndOn('2026-12-31')).toBe('2026-12-31');
    expect(periodEnding('2026-11-30')).toMatchObject({ start: '2026-11-16', end: '2026-11-30' });
    expect(periodEnding('2026-12-15')).toMatchObject({ start: '2026-12-01', end: '2026-12-15' });
    // Due at the end of the day in Shanghai: 16:00 UTC.
    expect(periodEnding('2026-11-15').dueAt.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(isPeriodEnd('2026-11-16')).toBe(false);
    expect(periodEndsBetween('2026-10-20', '2026-12-01')).toEqual(['2026-10-31', '2026-11-15', '2026-11-30', '2026-12-15']);
  });

  test('the cutoffs are configurable', () => {
    const monthly = { cutoffs: [31] };
    expect(periodEndOn('2026-11-03', monthly)).toBe('2026-11-30');
    expect(periodEnding('2026-11-30', monthly).start).toBe('2026-11-01');
    const thirds = { cutoffs: [10, 20, 31] };
    expect(periodEndsBetween('2026-11-01', '2026-11-30', thirds)).toEqual(['2026-11-10', '2026-11-20', '2026-11-30']);
    expect(() => periodEndOn('2026-11-01', { cutoffs: [] })).toThrow(RangeError);
  });

  test('a Shanghai day starts at 16:00 UTC the day before', () => {
    expect(shanghaiDate(new Date('2026-11-15T15:59:59Z'))).toBe('2026-11-15');
    expect(shanghaiDate(new Date('2026-11-15T16:00:00Z'))).toBe('2026-11-16');
    expect(isDay('2026-02-30')).toBe(false);
  });

  const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
  const cutoffs = fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 4 });

  test.prop([day, cutoffs])('every day falls in exactly one period, which ends on a cutoff and contains it', (d, c) => {
    const schedule = { cutoffs: c };
    const end = periodEndOn(d, schedule);
    const { start } = periodEnding(end, schedule);
    expect(start <= d && d <= end).toBe(true);
    expect(isPeriodEnd(end, schedule)).toBe(true);
    // The day before the period starts belongs to the previous one.
    expect(periodEndOn(addDays(start, -1), schedule)).toBe(addDays(start, -1));
    expect(endOfShanghaiDay(end).getTime() - Date.parse(`${end}T00:00:00+08:00`)).toBe(86_400_000);
  });
});
