import { shanghaiDay, shanghaiMidnight } from './shanghai-time.ts';
import type { WorkingSchedule } from './working-schedule.ts';

/** Working milliseconds in `[fromMs, toMs)`, within working periods of working days; 0 when `toMs <= fromMs`. */
export function workingMsBetween(schedule: WorkingSchedule, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  const lastDay = shanghaiDay(toMs);
  for (let day = shanghaiDay(fromMs); day <= lastDay; day += 1) {
    if (!schedule.isWorkingDay(day)) continue;
    const midnight = shanghaiMidnight(day);
    for (const { start, end } of schedule.periods) {
      total += Math.max(0, Math.min(toMs, midnight + end) - Math.max(fromMs, midnight + start));
    }
  }
  return total;
}
