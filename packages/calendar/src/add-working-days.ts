import { assertWithinDateRange, shanghaiDay, shanghaiMidnight } from './shanghai-time.ts';
import { closeOfDay, type WorkingSchedule } from './working-schedule.ts';

/**
 * The close of the `n`th working day after the Shanghai day of `fromMs`; the start day never
 * counts, whatever the time or kind of day. `n` is a positive integer, checked by the caller.
 */
export function addWorkingDays(schedule: WorkingSchedule, fromMs: number, n: number): number {
  let day = shanghaiDay(fromMs);
  let remaining = n;
  while (remaining > 0) {
    day += 1;
    assertWithinDateRange(day);
    if (schedule.isWorkingDay(day)) remaining -= 1;
  }
  return shanghaiMidnight(day) + closeOfDay(schedule);
}
