import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import { isPlainTime } from '@huiyin/domain';

const HOUR_MS = 3_600_000;

/** A margin in the measure of the lead's clock: working ms, or wall ms for a plain-time limit. */
function marginMs(calendar: WorkingCalendar, from: Date, margin: TimeLimit, plain: boolean): number {
  if (plain || isPlainTime(margin)) return calendar.addLimit(from, margin).getTime() - from.getTime();
  if (margin.unit === 'workingHours') return margin.amount * HOUR_MS;
  // A working day is a whole one: from one close of day to the next.
  const day = calendar.workingMsBetween(calendar.addWorkingDays(from, 1), calendar.addWorkingDays(from, 2));
  return margin.amount * day;
}

/**
 * An assisting unit's default due time (docs/domain.md#assisting-units): the lead unit's due time
 * less the category's margin, counted as the lead's limit counts (working time, or wall-clock
 * time for a plain-time limit), so the lead has time to use the answer. When the margin does not
 * fit between `from` (the dispatch) and the lead's due time, halfway between them.
 */
export function assistDueBefore(calendar: WorkingCalendar, from: Date, leadDue: Date, margin: TimeLimit, leadLimit: TimeLimit): Date {
  const plain = isPlainTime(leadLimit);
  const span = plain ? leadDue.getTime() - from.getTime() : calendar.workingMsBetween(from, leadDue);
  const before = marginMs(calendar, from, margin, plain);
  const give = before < span ? span - before : Math.floor(span / 2);
  return plain ? new Date(from.getTime() + give) : calendar.addWorkingMs(from, give);
}
