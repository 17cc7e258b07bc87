import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './working-calendar.ts';

const calendar = createWorkingCalendar();
const at = (shanghaiTime: string): Date => new Date(`${shanghaiTime}+08:00`);
const HOUR = 3_600_000;

const instant = fc.date({ min: at('2003-06-01T00:00:00'), max: at('2030-12-31T23:59:59'), noInvalidDate: true });

describe('workingMsBetween', () => {
  it('counts a full working day as 7 hours', () => {
    expect(calendar.workingMsBetween(at('2026-11-30T00:00:00'), at('2026-12-01T00:00:00'))).toBe(7 * HOUR);
    expect(calendar.workingMsBetween(at('2026-11-30T09:00:00'), at('2026-11-30T17:30:00'))).toBe(7 * HOUR);
  });

  it('leaves out lunch', () => {
    expect(calendar.workingMsBetween(at('2026-11-30T11:00:00'), at('2026-11-30T14:00:00'))).toBe(1.5 * HOUR);
  });

  it('leaves out the night and the weekend', () => {
    expect(calendar.workingMsBetween(at('2026-11-27T17:00:00'), at('2026-11-30T09:30:00'))).toBe(HOUR);
  });

  it('leaves out the 2026 National Day holidays and counts the make-up Saturday', () => {
    // Wed 30 Sep 17:00–17:30, then Thu 8, Fri 9 and Sat 10 October in full.
    expect(calendar.workingMsBetween(at('2026-09-30T17:00:00'), at('2026-10-11T00:00:00'))).toBe(0.5 * HOUR + 3 * 7 * HOUR);
  });

  it('is 0 when to is not after from', () => {
    expect(calendar.workingMsBetween(at('2026-11-30T10:00:00'), at('2026-11-30T10:00:00'))).toBe(0);
    expect(calendar.workingMsBetween(at('2026-11-30T11:00:00'), at('2026-11-30T10:00:00'))).toBe(0);
  });

  it('throws RangeError for an invalid Date', () => {
    expect(() => calendar.workingMsBetween(new Date(Number.NaN), at('2026-11-30T10:00:00'))).toThrow(RangeError);
  });

  test.prop([instant, instant, instant])('adds up over consecutive intervals', (a, b, c) => {
    const [from, middle, to] = [a, b, c].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
    expect(calendar.workingMsBetween(from, to)).toBe(calendar.workingMsBetween(from, middle) + calendar.workingMsBetween(middle, to));
  });

  test.prop([instant, fc.integer({ min: 0, max: 30 * 24 * HOUR })])('never exceeds the elapsed time nor 7 hours a calendar day touched', (from, elapsed) => {
    const worked = calendar.workingMsBetween(from, new Date(from.getTime() + elapsed));
    expect(worked).toBeGreaterThanOrEqual(0);
    expect(worked).toBeLessThanOrEqual(elapsed);
    expect(worked).toBeLessThanOrEqual((Math.ceil(elapsed / (24 * HOUR)) + 1) * 7 * HOUR);
  });
});
