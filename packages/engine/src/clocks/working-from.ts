import type { WorkingCalendar } from '@huiyin/calendar';

/**
 * The start of working time at or after `at`: `at` itself inside a working period or at its very
 * end (a reminder at the close of business stands), else the next period's start. Where a held
 * reminder fires.
 */
export function workingFrom(calendar: WorkingCalendar): (at: Date) => Date {
  return (at) => (calendar.workingMsBetween(new Date(at.getTime() - 1), at) > 0 ? at : new Date(calendar.addWorkingMs(at, 1).getTime() - 1));
}
