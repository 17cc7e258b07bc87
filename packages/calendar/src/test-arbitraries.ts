import { fc } from '@fast-check/vitest';
import { formatDate, parseDate } from './civil-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

const HOUR = 3_600_000;

/** A Shanghai wall time as an instant: `at('2026-11-30T10:00:00')`. */
export const at = (shanghaiTime: string): Date => new Date(`${shanghaiTime}+08:00`);

/** Any instant in the years the holiday data covers, and a little beyond. */
export const instant = fc.date({ min: at('2003-06-01T00:00:00'), max: at('2030-12-31T23:59:59'), noInvalidDate: true });

/** An instant inside a default working period of a working day, period ends excluded. For tests. */
export function workingInstant(calendar: WorkingCalendar) {
  return fc
    .record({
      day: fc.integer({ min: parseDate('2003-06-01'), max: parseDate('2030-12-31') }).map(formatDate),
      offset: fc.integer({ min: 0, max: 7 * HOUR - 1 }),
    })
    .filter(({ day }) => calendar.isWorkingDay(day))
    .map(({ day, offset }) => (offset < 3 * HOUR ? new Date(at(`${day}T09:00:00`).getTime() + offset) : new Date(at(`${day}T13:30:00`).getTime() + offset - 3 * HOUR)));
}
