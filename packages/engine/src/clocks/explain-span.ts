import { type CalendarDay, type TimeLimit, type WorkingCalendar, shanghaiDate } from '@huiyin/calendar';
import { isPlainTime } from '@huiyin/domain';

/**
 * One Shanghai day on a due time's way: its kind (and the holiday's name), whether it counted,
 * and for working time the working milliseconds it gave. A day not counted says why by its kind:
 * a weekend, a named holiday, or (a working day) the start day or a time outside working periods.
 * `declared`: an operator declared it (the caller marks it; false here).
 */
export type ExplainedDay = CalendarDay & { counted: boolean; workingMs: number; declared: boolean };

/** How one move of a due time was counted: in working days, in working time, or in plain elapsed time. */
export type CountedSpan = { measure: 'workingDays' | 'workingTime' | 'elapsed'; from: Date; to: Date; days: ExplainedDay[]; counted: number };

/** A span over more days is shown by its first and last days only (a long pause, a far due time). */
const MAX_DAYS = 400;
const DAY_MS = 86_400_000;

/**
 * The days `limit` counted from `from` to the due time it gives (`calendar.addLimit`): for working
 * days each day after the start day's up to the due day, counted when it is worked; for working
 * hours each day's working time between the two instants; plain time counts no days.
 */
export function explainLimit(calendar: WorkingCalendar, from: Date, limit: TimeLimit): CountedSpan {
  const to = calendar.addLimit(from, limit);
  if (isPlainTime(limit)) return { measure: 'elapsed', from, to, days: [], counted: to.getTime() - from.getTime() };
  if (limit.unit === 'workingDays') {
    const days = walk(calendar, from, to).map((d, i) => ({ ...d, counted: i > 0 && calendar.isWorkingDay(d.date), workingMs: 0, declared: false }));
    return { measure: 'workingDays', from, to, days, counted: days.filter((d) => d.counted).length };
  }
  return workingSpan(calendar, from, to);
}

/** The working time between two instants, day by day (a pause's credit, a move by working milliseconds). */
export function workingSpan(calendar: WorkingCalendar, from: Date, to: Date): CountedSpan {
  const days = walk(calendar, from, to).map((d) => {
    const dayStart = new Date(`${d.date}T00:00:00+08:00`);
    const a = dayStart > from ? dayStart : from;
    const end = new Date(dayStart.getTime() + DAY_MS);
    const b = end < to ? end : to;
    const workingMs = calendar.workingMsBetween(a, b);
    return { ...d, counted: workingMs > 0, workingMs, declared: false };
  });
  return { measure: 'workingTime', from, to, days, counted: calendar.workingMsBetween(from, to) };
}

/** Moves `due` by `ms` in the limit's measure: working time for a working limit, wall time for a plain one. */
export function moveBy(calendar: WorkingCalendar, due: Date, ms: number, plain: boolean): CountedSpan {
  if (plain) return { measure: 'elapsed', from: due, to: new Date(due.getTime() + ms), days: [], counted: ms };
  const to = ms > 0 ? calendar.addWorkingMs(due, ms) : due;
  return { ...workingSpan(calendar, due, to), counted: ms };
}

/** The Shanghai days from `from`'s to `to`'s, inclusive; a day's kind from the calendar. */
function walk(calendar: WorkingCalendar, from: Date, to: Date): CalendarDay[] {
  const first = shanghaiDate(from);
  const last = shanghaiDate(to < from ? from : to);
  const n = Math.round((Date.parse(last) - Date.parse(first)) / DAY_MS) + 1;
  if (n <= MAX_DAYS) return calendar.days(first, last);
  const head = calendar.days(first, shanghaiDate(new Date(Date.parse(`${first}T00:00:00+08:00`) + (MAX_DAYS / 2 - 1) * DAY_MS)));
  const tail = calendar.days(shanghaiDate(new Date(Date.parse(`${last}T00:00:00+08:00`) - (MAX_DAYS / 2 - 1) * DAY_MS)), last);
  return [...head, ...tail];
}
