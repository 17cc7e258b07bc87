import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatDate, parseDate, weekday } from './civil-date.ts';
import { LISTED_YEARS } from './holiday-data.ts';
import { LIMIT_UNITS } from './time-limit.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const calendar = createWorkingCalendar();

describe('day kinds', () => {
  it('names a public holiday in Chinese', () => {
    expect(calendar.day('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', declared: false });
    expect(calendar.day('2026-02-17')).toEqual({ date: '2026-02-17', kind: 'holiday', name: '春节', declared: false });
  });

  it('calls a Saturday inside a holiday break a holiday, not a weekend', () => {
    expect(calendar.day('2026-10-03')).toEqual({ date: '2026-10-03', kind: 'holiday', name: '国庆节', declared: false });
  });

  it('calls a weekday day off in lieu (调休) a holiday', () => {
    expect(calendar.day('2026-10-07')).toEqual({ date: '2026-10-07', kind: 'holiday', name: '国庆节', declared: false });
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
  });

  it('calls a worked Sunday or Saturday a make-up workday, with the holiday it makes up for', () => {
    expect(calendar.day('2026-09-20')).toEqual({ date: '2026-09-20', kind: 'makeup_workday', name: '国庆节', declared: false });
    expect(calendar.day('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节', declared: false });
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
  });

  it('calls an ordinary Saturday a weekend and an ordinary Friday a workday', () => {
    expect(calendar.day('2026-11-28')).toEqual({ date: '2026-11-28', kind: 'weekend', declared: false });
    expect(calendar.day('2026-11-27')).toEqual({ date: '2026-11-27', kind: 'workday', declared: false });
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true);
  });

  it('falls back to weekdays and weekends in a year chinese-days does not know', () => {
    expect(LISTED_YEARS.last).toBeLessThan(2030);
    expect(calendar.day('2030-01-01')).toEqual({ date: '2030-01-01', kind: 'workday', declared: false });
    expect(calendar.day('2030-10-05')).toEqual({ date: '2030-10-05', kind: 'weekend', declared: false });
  });

  it('returns the same frozen day for the same date', () => {
    const day = calendar.day('2026-10-01');
    expect(calendar.day('2026-10-01')).toBe(day);
    expect(Object.isFrozen(day)).toBe(true);
  });

  it.each(['2026-2-1', '2026-02-30', 'tomorrow'])('throws for the malformed date %j', (date) => {
    expect(() => calendar.day(date)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay(date)).toThrow(RangeError);
  });
});

describe('extraDays', () => {
  const withExtras = createWorkingCalendar({
    extraDays: [
      { date: '2030-01-02', kind: 'holiday', name: '元旦' },
      { date: '2030-01-05', kind: 'makeup_workday' },
      { date: '2026-10-07', kind: 'makeup_workday' },
      { date: '2026-09-20', kind: 'holiday', name: '补假' },
    ],
  });

  it('declares a holiday in a year chinese-days does not know', () => {
    expect(withExtras.day('2030-01-02')).toEqual({ date: '2030-01-02', kind: 'holiday', name: '元旦', declared: true });
    expect(withExtras.isWorkingDay('2030-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2030-01-02')).toBe(true);
  });

  it('declares a make-up Saturday in a year chinese-days does not know', () => {
    expect(withExtras.day('2030-01-05')).toEqual({ date: '2030-01-05', kind: 'makeup_workday', declared: true });
    expect(withExtras.isWorkingDay('2030-01-05')).toBe(true);
  });

  it("overrides the package's answer for a date it knows", () => {
    expect(withExtras.day('2026-10-07')).toEqual({ date: '2026-10-07', kind: 'makeup_workday', declared: true });
    expect(withExtras.day('2026-09-20')).toEqual({ date: '2026-09-20', kind: 'holiday', name: '补假', declared: true });
  });

  it('marks only the extra days as declared, in days() as in day()', () => {
    const listed = withExtras.days('2030-01-01', '2030-01-05').map(({ date, declared }) => `${date} ${declared}`);
    expect(listed).toEqual(['2030-01-01 false', '2030-01-02 true', '2030-01-03 false', '2030-01-04 false', '2030-01-05 true']);
    // A date chinese-days knows stays undeclared beside a declared one.
    expect(withExtras.day('2026-10-01').declared).toBe(false);
  });

  it('moves a working-days due time past the declared holiday', () => {
    const from = new Date('2029-12-31T10:00:00+08:00'); // Monday
    expect(calendar.addWorkingDays(from, 1)).toEqual(new Date('2030-01-01T17:30:00+08:00'));
    expect(withExtras.addWorkingDays(from, 2)).toEqual(new Date('2030-01-03T17:30:00+08:00'));
    expect(withExtras.addWorkingDays(from, 4)).toEqual(new Date('2030-01-05T17:30:00+08:00')); // the make-up Saturday
  });

  it.each([
    ['a malformed date', [{ date: '2030-1-2', kind: 'holiday' }]],
    [
      'a date listed twice',
      [
        { date: '2030-01-02', kind: 'holiday' },
        { date: '2030-01-02', kind: 'makeup_workday' },
      ],
    ],
    ['an unknown kind', [{ date: '2030-01-02', kind: 'weekend' }]],
  ])('rejects %s', (_, extraDays) => {
    expect(() => createWorkingCalendar({ extraDays: extraDays as never })).toThrow(RangeError);
  });
});

describe('days', () => {
  it('lists an inclusive range of dates with their kinds', () => {
    expect(calendar.days('2026-09-18', '2026-09-21').map(({ date, kind }) => `${date} ${kind}`)).toEqual([
      '2026-09-18 workday',
      '2026-09-19 weekend',
      '2026-09-20 makeup_workday',
      '2026-09-21 workday',
    ]);
  });

  it('lists a single day when from equals to', () => {
    expect(calendar.days('2026-10-01', '2026-10-01')).toEqual([calendar.day('2026-10-01')]);
  });

  it('lists up to 1098 days and throws beyond', () => {
    expect(calendar.days('2024-01-01', '2027-01-02')).toHaveLength(1098);
    expect(() => calendar.days('2024-01-01', '2027-01-03')).toThrow(RangeError);
  });

  it('throws when to is before from', () => {
    expect(() => calendar.days('2026-10-02', '2026-10-01')).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: parseDate('2003-01-01'), max: parseDate('2031-12-31') }), fc.integer({ min: 0, max: 400 })])(
    'gives consecutive dates whose weekend kind falls only on Saturday or Sunday',
    (first, length) => {
      const days = calendar.days(formatDate(first), formatDate(first + length));
      expect(days).toHaveLength(length + 1);
      days.forEach((day, i) => {
        expect(day.date).toBe(formatDate(first + i));
        if (day.kind === 'weekend') expect([0, 6]).toContain(weekday(first + i));
        if (day.kind === 'workday') expect([0, 6]).not.toContain(weekday(first + i));
        expect(calendar.isWorkingDay(day.date)).toBe(day.kind === 'workday' || day.kind === 'makeup_workday');
      });
    },
  );
});

describe('addLimit', () => {
  const from = new Date('2026-11-27T10:00:00+08:00'); // Friday

  it('adds working days and working hours on the calendar', () => {
    expect(calendar.addLimit(from, { amount: 1, unit: 'workingDays' })).toEqual(new Date('2026-11-30T17:30:00+08:00'));
    expect(calendar.addLimit(from, { amount: 8, unit: 'workingHours' })).toEqual(new Date('2026-11-30T11:00:00+08:00'));
  });

  it('adds hours, minutes and seconds as plain elapsed time across the weekend', () => {
    expect(calendar.addLimit(from, { amount: 48, unit: 'hours' })).toEqual(new Date('2026-11-29T10:00:00+08:00'));
    expect(calendar.addLimit(from, { amount: 90, unit: 'minutes' })).toEqual(new Date('2026-11-27T11:30:00+08:00'));
    expect(calendar.addLimit(from, { amount: 5, unit: 'seconds' })).toEqual(new Date('2026-11-27T10:00:05+08:00'));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws RangeError for the amount %s in every unit', (amount) => {
    for (const unit of LIMIT_UNITS) {
      expect(() => calendar.addLimit(from, { amount, unit })).toThrow(RangeError);
    }
  });

  it('throws RangeError for an unknown unit', () => {
    expect(() => calendar.addLimit(from, { amount: 1, unit: 'days' as never })).toThrow(RangeError);
  });

  it('throws RangeError for an invalid start', () => {
    expect(() => calendar.addLimit(new Date(Number.NaN), { amount: 1, unit: 'seconds' })).toThrow(RangeError);
    expect(() => calendar.addLimit(new Date(Number.NaN), { amount: 1, unit: 'workingDays' })).toThrow(RangeError);
  });

  it('throws RangeError instead of running past the range of Date', () => {
    const late = new Date(8.64e15 - 86_400_000);
    expect(() => calendar.addLimit(late, { amount: 10, unit: 'workingDays' })).toThrow(RangeError);
    expect(() => calendar.addLimit(late, { amount: 100, unit: 'workingHours' })).toThrow(RangeError);
    expect(() => calendar.addLimit(late, { amount: 100, unit: 'hours' })).toThrow(RangeError);
  });
});
