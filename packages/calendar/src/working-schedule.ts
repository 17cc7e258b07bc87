import type { DayNumber } from './civil-date.ts';
import type { WorkingPeriod } from './working-periods.ts';

/** Which days are worked and, on those days, which periods (ascending, non-overlapping). */
export type WorkingSchedule = Readonly<{
  isWorkingDay(day: DayNumber): boolean;
  periods: ReadonlyArray<WorkingPeriod>;
}>;

/** Milliseconds after 00:00 at which a working day closes: the end of its last period. */
export function closeOfDay(schedule: WorkingSchedule): number {
  return schedule.periods[schedule.periods.length - 1]?.end ?? 0;
}

/** Working milliseconds in one working day. */
export function workingMsPerDay(schedule: WorkingSchedule): number {
  return schedule.periods.reduce((sum, { start, end }) => sum + end - start, 0);
}
