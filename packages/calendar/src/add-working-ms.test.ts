import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './working-calendar.ts';
import { at, instant, workingInstant as workingInstantIn } from './test-arbitraries.ts';

const calendar = createWorkingCalendar();
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Up to about three working weeks, to the millisecond. */
const workingMs = fc.integer({ min: 0, max: 15 * 7 * HOUR });

const workingInstant = workingInstantIn(calendar);

describe('addWorkingMs', () => {
  it('moves a due time within the morning period', () => {
    expect(calendar.addWorkingMs(at('2026-11-30T10:00:00'), 30 * MINUTE)).toEqual(at('2026-11-30T10:30:00'));
    expect(calendar.addWorkingMs(at('2026-11-30T10:00:00'), 1)).toEqual(new Date(at('2026-11-30T10:00:00').getTime() + 1));
  });

  it('carries the remainder across lunch, the night and the weekend', () => {
    expect(calendar.addWorkingMs(at('2026-11-30T11:45:00'), 30 * MINUTE)).toEqual(at('2026-11-30T13:45:00'));
    expect(calendar.addWorkingMs(at('2026-11-27T17:15:00'), 30 * MINUTE)).toEqual(at('2026-11-30T09:15:00'));
  });

  it('starts outside working time at the next period start', () => {
    expect(calendar.addWorkingMs(at('2026-11-30T12:30:00'), 90 * MINUTE)).toEqual(at('2026-11-30T15:00:00'));
    expect(calendar.addWorkingMs(at('2026-11-28T10:00:00'), 90 * MINUTE)).toEqual(at('2026-11-30T10:30:00'));
    expect(calendar.addWorkingMs(at('2026-10-02T10:00:00'), 30 * MINUTE)).toEqual(at('2026-10-08T09:30:00'));
  });

  it('keeps a result that lands on the end of a period at that end', () => {
    expect(calendar.addWorkingMs(at('2026-11-30T11:00:00'), HOUR)).toEqual(at('2026-11-30T12:00:00'));
    expect(calendar.addWorkingMs(at('2026-11-27T17:00:00'), 30 * MINUTE)).toEqual(at('2026-11-27T17:30:00'));
  });

  // Resuming a clock paused only outside working time must not move its due time.
  it('returns the start itself for 0 ms, even outside working time or on a period end', () => {
    for (const from of [at('2026-11-30T10:00:00'), at('2026-11-27T17:30:00'), at('2026-11-28T10:00:00'), at('2026-11-30T12:15:00')]) {
      expect(calendar.addWorkingMs(from, 0)).toEqual(from);
    }
  });

  it('resumes a paused clock: the due time moves by the working time the pause took', () => {
    const due = at('2026-11-30T15:00:00'); // Monday
    const pausedAt = at('2026-11-27T16:00:00'); // Friday, paused until Monday 11:00
    const paused = calendar.workingMsBetween(pausedAt, at('2026-11-30T11:00:00'));
    expect(paused).toBe(3.5 * HOUR);
    expect(calendar.addWorkingMs(due, paused)).toEqual(at('2026-12-01T10:00:00'));
  });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('throws RangeError for %s ms', (ms) => {
    expect(() => calendar.addWorkingMs(at('2026-11-30T09:00:00'), ms)).toThrow(RangeError);
  });

  it('throws RangeError for an invalid Date', () => {
    expect(() => calendar.addWorkingMs(new Date(Number.NaN), HOUR)).toThrow(RangeError);
  });

  test.prop([workingInstant, workingMs])('puts exactly ms working milliseconds between a start in working time and the result', (from, ms) => {
    expect(calendar.workingMsBetween(from, calendar.addWorkingMs(from, ms))).toBe(ms);
  });

  test.prop([instant, workingMs])('puts exactly ms working milliseconds between any start and the result', (from, ms) => {
    expect(calendar.workingMsBetween(from, calendar.addWorkingMs(from, ms))).toBe(ms);
  });

  test.prop([instant, fc.integer({ min: 1, max: 15 * 7 * HOUR })])('returns the earliest such instant: one millisecond before it, one working millisecond is missing', (from, ms) => {
    const result = calendar.addWorkingMs(from, ms);
    expect(calendar.workingMsBetween(from, new Date(result.getTime() - 1))).toBe(ms - 1);
  });

  test.prop([instant, fc.integer({ min: 1, max: 200 })])('agrees with addWorkingHours: n hours = n × 3 600 000 ms', (from, n) => {
    expect(calendar.addWorkingMs(from, n * HOUR)).toEqual(calendar.addWorkingHours(from, n));
  });

  test.prop([instant, workingMs, workingMs])('adding a then b working ms equals adding a + b', (from, a, b) => {
    expect(calendar.addWorkingMs(calendar.addWorkingMs(from, a), b)).toEqual(calendar.addWorkingMs(from, a + b));
  });

  test.prop([instant, workingMs])('never returns an instant before the start', (from, ms) => {
    expect(calendar.addWorkingMs(from, ms).getTime()).toBeGreaterThanOrEqual(from.getTime());
  });
});

describe('addWorkingMs with operator-declared days', () => {
  it('skips a declared holiday and works a declared make-up day', () => {
    const withExtras = createWorkingCalendar({
      extraDays: [
        { date: '2031-01-06', kind: 'holiday', name: '测试假日' }, // Monday
        { date: '2031-01-04', kind: 'makeup_workday' }, // Saturday
      ],
    });
    // Friday 17:00 + 1 h: half an hour on Friday, the rest on the make-up Saturday.
    expect(withExtras.addWorkingMs(at('2031-01-03T17:00:00'), HOUR)).toEqual(at('2031-01-04T09:30:00'));
    // Saturday 17:00 + 1 h: Sunday is a weekend and Monday a holiday, so Tuesday.
    expect(withExtras.addWorkingMs(at('2031-01-04T17:00:00'), HOUR)).toEqual(at('2031-01-07T09:30:00'));
  });
});
