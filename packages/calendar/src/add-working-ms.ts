import { assertWithinDateRange, shanghaiDay, shanghaiMidnight } from './shanghai-time.ts';
import { workingMsPerDay, type WorkingSchedule } from './working-schedule.ts';

/**
 * The earliest instant at which `ms` working milliseconds have passed since `fromMs`, counting
 * only working periods of working days. Outside them the clock waits for the next period start.
 * A due time exactly at a period's end stays there rather than moving to the next start, and
 * `ms = 0` is `fromMs` itself: nothing to wait for, wherever `fromMs` lies.
 */
export function addWorkingMs(schedule: WorkingSchedule, fromMs: number, ms: number): number {
  if (ms === 0) return fromMs;
  const perDay = workingMsPerDay(schedule);
  const firstStart = schedule.periods[0]?.start ?? 0;
  let remaining = ms;
  let day = shanghaiDay(fromMs);
  let offset = fromMs - shanghaiMidnight(day);
  for (;;) {
    if (schedule.isWorkingDay(day)) {
      if (offset <= firstStart && remaining > perDay) {
        remaining -= perDay; // a whole working day, skipped in one step
      } else {
        for (const { start, end } of schedule.periods) {
          if (offset >= end) continue;
          const begin = Math.max(offset, start);
          if (remaining <= end - begin) return shanghaiMidnight(day) + begin + remaining;
          remaining -= end - begin;
        }
      }
    }
    day += 1;
    assertWithinDateRange(day);
    offset = 0;
  }
}
