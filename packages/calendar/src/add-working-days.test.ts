import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseDate } from './civil-date.ts';
import { shanghaiDate } from './shanghai-time.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const calendar = createWorkingCalendar();
const at = (shanghaiTime: string): Date => new Date(`${shanghaiTime}+08:00`);

/** Any instant from 2003 to 2030: the package's years, and plain weekdays on either side. */
const instant = fc.date({ min: at('2003-06-01T00:00:00'), max: at('2030-12-31T23:59:59'), noInvalidDate: true });
const count = fc.integer({ min: 1, max: 60 });

describe('addWorkingDays', () => {
  it('ends a 1-working-day limit started on a Friday morning at 17:30 the next Monday', () => {
    expect(calendar.addWorkingDays(at('2026-11-27T10:00:00'), 1)).toEqual(at('2026-11-30T17:30:00'));
  });

  it('does not count the start day, whether the clock starts before, during or after working hours', () => {
    for (const time of ['00:00:00', '08:59:59', '09:00:00', '12:45:00', '17:30:00', '23:59:59']) {
      expect(calendar.addWorkingDays(at(`2026-11-30T${time}`), 1)).toEqual(at('2026-12-01T17:30:00'));
    }
  });

  it('counts from the first working day after a start on a weekend', () => {
    expect(calendar.addWorkingDays(at('2026-11-28T15:00:00'), 1)).toEqual(at('2026-11-30T17:30:00'));
    expect(calendar.addWorkingDays(at('2026-11-29T23:59:59'), 2)).toEqual(at('2026-12-01T17:30:00'));
  });

  it('counts from the first working day after the 2026 National Day holidays when started during them', () => {
    expect(calendar.addWorkingDays(at('2026-10-03T10:00:00'), 1)).toEqual(at('2026-10-08T17:30:00'));
    // Thursday 8th, Friday 9th, then the make-up Saturday 10th.
    expect(calendar.addWorkingDays(at('2026-10-01T09:00:00'), 3)).toEqual(at('2026-10-10T17:30:00'));
  });

  it('counts the make-up Sunday 2026-09-20 as a working day', () => {
    // Friday 18th → Saturday 19th is a weekend → Sunday 20th is worked (调休 for National Day).
    expect(calendar.addWorkingDays(at('2026-09-18T10:00:00'), 1)).toEqual(at('2026-09-20T17:30:00'));
  });

  it('counts the make-up Saturday 2026-10-10 as a working day', () => {
    expect(calendar.addWorkingDays(at('2026-10-09T16:00:00'), 1)).toEqual(at('2026-10-10T17:30:00'));
  });

  it('crosses New Year 2026: the holiday 1–3 January and the make-up Sunday the 4th', () => {
    // Tuesday 2025-12-30 → Wed 31st (1), Sun 4th (2), Mon 5th (3), Tue 6th (4), Wed 7th (5).
    expect(calendar.addWorkingDays(at('2025-12-30T10:00:00'), 5)).toEqual(at('2026-01-07T17:30:00'));
  });

  it('crosses New Year 2027 with the holiday an operator supplies', () => {
    const withNewYear = createWorkingCalendar({ extraDays: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    // Wednesday 2026-12-30 → Thu 31st (1), Fri 1st is a holiday, Mon 4th (2) … Thu 7th (5).
    expect(withNewYear.addWorkingDays(at('2026-12-30T10:00:00'), 5)).toEqual(at('2027-01-07T17:30:00'));
  });

  it('ends at the close of the last working period when the periods are not the default', () => {
    const longDay = createWorkingCalendar({
      workingPeriods: [
        ['08:30', '12:00'],
        ['14:00', '18:00'],
      ],
    });
    expect(longDay.addWorkingDays(at('2026-11-27T10:00:00'), 1)).toEqual(at('2026-11-30T18:00:00'));
  });

  it.each([0, -2, 2.5, Number.NaN])('throws RangeError for %s working days', (n) => {
    expect(() => calendar.addWorkingDays(at('2026-11-27T10:00:00'), n)).toThrow(RangeError);
  });

  test.prop([instant, count, count])('adding N then M working days equals adding N+M', (from, n, m) => {
    const first = calendar.addWorkingDays(from, n);
    expect(calendar.addWorkingDays(first, m)).toEqual(calendar.addWorkingDays(from, n + m));
  });

  test.prop([instant, count])('ends on a working day, at 17:30 Shanghai', (from, n) => {
    const due = calendar.addWorkingDays(from, n);
    expect(calendar.isWorkingDay(shanghaiDate(due))).toBe(true);
    expect(due.toISOString().slice(11)).toBe('09:30:00.000Z');
  });

  test.prop([instant, count])('has exactly N working days after the start day, up to and including the due day', (from, n) => {
    const due = calendar.addWorkingDays(from, n);
    const dayAfterStart = shanghaiDate(new Date(from.getTime() + 86_400_000));
    expect(parseDate(shanghaiDate(due))).toBeGreaterThan(parseDate(shanghaiDate(from)));
    const worked = calendar.days(dayAfterStart, shanghaiDate(due)).filter((day) => calendar.isWorkingDay(day.date));
    expect(worked).toHaveLength(n);
  });
});
