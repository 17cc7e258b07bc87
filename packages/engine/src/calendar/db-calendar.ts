import { createWorkingCalendar, type CalendarOptions, type WorkingCalendar } from '@huiyin/calendar';
import type { Db } from '@huiyin/store';
import { loadExtraDays } from './extra-days.ts';

/** A working calendar that can reload its operator-declared days; services keep this one object. */
export type RefreshableCalendar = WorkingCalendar & {
  /** Reloads `calendar_days` and answers every later call with them. Keeps the old days if loading fails. */
  refresh(): Promise<void>;
};

/**
 * The working calendar with the operator-declared days of `calendar_days` as `extraDays`.
 * Every method delegates to a calendar built by `createWorkingCalendar`, rebuilt on `refresh()`.
 * @param options - working periods; the extra days always come from the table
 */
export async function createCalendarFromDb(db: Db, options: Omit<CalendarOptions, 'extraDays'> = {}): Promise<RefreshableCalendar> {
  const build = async () => createWorkingCalendar({ ...options, extraDays: await loadExtraDays(db) });
  let current = await build();
  // Overlapping refreshes: only a load started later than the one in use replaces it.
  let started = 0;
  let applied = 0;
  return {
    day: (date) => current.day(date),
    days: (from, to) => current.days(from, to),
    isWorkingDay: (date) => current.isWorkingDay(date),
    addLimit: (from, limit) => current.addLimit(from, limit),
    addWorkingDays: (from, n) => current.addWorkingDays(from, n),
    addWorkingHours: (from, n) => current.addWorkingHours(from, n),
    addWorkingMs: (from, ms) => current.addWorkingMs(from, ms),
    workingMsBetween: (from, to) => current.workingMsBetween(from, to),
    undeclaredYears: (from, to) => current.undeclaredYears(from, to),
    async refresh() {
      const generation = ++started;
      const next = await build();
      if (generation > applied) {
        current = next;
        applied = generation;
      }
    },
  };
}
