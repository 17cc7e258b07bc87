import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from './shanghai-time.ts';
import { createWorkingCalendar } from './working-calendar.ts';
import { at, instant, workingInstant as workingInstantIn } from './test-arbitraries.ts';

const calendar = createWorkingCalendar();
const HOUR = 3_600_000;

const hours = fc.integer({ min: 1, max: 200 });

const workingInstant = workingInstantIn(calendar);

describe('addWorkingHours', () => {
  it('carries the clock across lunch', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T11:00:00'), 2)).toEqual(at('2026-11-30T14:30:00'));
  });

  it('carries the clock overnight to the next working morning', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T16:30:00'), 2)).toEqual(at('2026-12-01T10:00:00'));
  });

  it('carries the clock over the weekend', () => {
    expect(calendar.addWorkingHours(at('2026-11-27T17:00:00'), 1)).toEqual(at('2026-11-30T09:30:00'));
  });

  it('starts a clock started at lunch at 13:30', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T12:15:00'), 1)).toEqual(at('2026-11-30T14:30:00'));
  });

  it('starts a clock started before 09:00 at 09:00', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T07:00:00'), 1)).toEqual(at('2026-11-30T10:00:00'));
  });

  it('starts a clock started after 17:30 or on a weekend at the next working 09:00', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T17:30:00'), 1)).toEqual(at('2026-12-01T10:00:00'));
    expect(calendar.addWorkingHours(at('2026-11-28T10:00:00'), 1)).toEqual(at('2026-11-30T10:00:00'));
  });

  it('starts a clock started during the 2026 National Day holidays on 8 October', () => {
    expect(calendar.addWorkingHours(at('2026-10-02T10:00:00'), 3)).toEqual(at('2026-10-08T12:00:00'));
    expect(calendar.addWorkingHours(at('2026-10-02T10:00:00'), 4)).toEqual(at('2026-10-08T14:30:00'));
  });

  it('works the make-up Sunday 2026-09-20', () => {
    expect(calendar.addWorkingHours(at('2026-09-18T17:00:00'), 1)).toEqual(at('2026-09-20T09:30:00'));
  });

  it('keeps a due time that lands on the end of a period at that end', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T07:00:00'), 3)).toEqual(at('2026-11-30T12:00:00'));
    expect(calendar.addWorkingHours(at('2026-11-30T13:30:00'), 4)).toEqual(at('2026-11-30T17:30:00'));
    expect(calendar.addWorkingHours(at('2026-11-30T09:00:00'), 7)).toEqual(at('2026-11-30T17:30:00'));
    expect(calendar.addWorkingHours(at('2026-11-27T17:30:00'), 7)).toEqual(at('2026-11-30T17:30:00'));
  });

  it('spends whole working days and goes on the next morning', () => {
    expect(calendar.addWorkingHours(at('2026-11-30T09:00:00'), 8)).toEqual(at('2026-12-01T10:00:00'));
    expect(calendar.addWorkingHours(at('2026-11-30T09:00:00'), 35)).toEqual(at('2026-12-04T17:30:00'));
  });

  it.each([0, -1, 0.5])('throws RangeError for %s working hours', (n) => {
    expect(() => calendar.addWorkingHours(at('2026-11-30T09:00:00'), n)).toThrow(RangeError);
  });

  test.prop([workingInstant, hours])('puts exactly N working hours between a start in working time and its due time', (from, n) => {
    expect(calendar.workingMsBetween(from, calendar.addWorkingHours(from, n))).toBe(n * HOUR);
  });

  test.prop([instant, hours])('puts exactly N working hours between any start and its due time', (from, n) => {
    expect(calendar.workingMsBetween(from, calendar.addWorkingHours(from, n))).toBe(n * HOUR);
  });

  test.prop([instant, hours, hours])('adding N then M working hours equals adding N+M', (from, n, m) => {
    const first = calendar.addWorkingHours(from, n);
    expect(calendar.addWorkingHours(first, m)).toEqual(calendar.addWorkingHours(from, n + m));
  });

  test.prop([instant, hours])('ends inside a working period of a working day, after its start and at most at its end', (from, n) => {
    const due = calendar.addWorkingHours(from, n);
    expect(calendar.isWorkingDay(shanghaiDate(due))).toBe(true);
    const time = due.toISOString().slice(11, 19); // UTC: 01:00–04:00 and 05:30–09:30 are the Shanghai periods
    expect((time > '01:00:00' && time <= '04:00:00') || (time > '05:30:00' && time <= '09:30:00')).toBe(true);
  });
});
