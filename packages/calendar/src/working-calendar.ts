import { addWorkingDays } from './add-working-days.ts';
import { addWorkingMs } from './add-working-ms.ts';
import type { CalendarDay, ExtraDay } from './calendar-day.ts';
import { formatDate, parseDate } from './civil-date.ts';
import { createDayKinds } from './day-kinds.ts';
import { epochMs, shanghaiDate, toInstant } from './shanghai-time.ts';
import { LISTED_YEARS } from './holiday-data.ts';
import { assertNonNegativeInteger, assertPositiveInteger, type TimeLimit } from './time-limit.ts';
import { DEFAULT_WORKING_PERIODS, parseWorkingPeriods } from './working-periods.ts';
import { workingMsBetween } from './working-ms-between.ts';
import type { WorkingSchedule } from './working-schedule.ts';

export type CalendarOptions = {
  /**
   * Working periods of a working day, `HH:MM` Shanghai, ascending and non-overlapping.
   * @defaultValue [['09:00','12:00'],['13:30','17:30']]
   */
  workingPeriods?: ReadonlyArray<readonly [string, string]>;
  /** Holidays and make-up workdays for dates chinese-days does not know or gets wrong; they win over it. */
  extraDays?: ReadonlyArray<ExtraDay>;
};

/** Working-day arithmetic in Asia/Shanghai (UTC+8). Dates are `YYYY-MM-DD`; malformed ones throw RangeError. */
export interface WorkingCalendar {
  /** The kind of one Shanghai date. */
  day(date: string): CalendarDay;
  /** Every date from `from` to `to` inclusive; at most 1098 (366 × 3) days, else RangeError. */
  days(from: string, to: string): CalendarDay[];
  /** True for a workday or a make-up workday. */
  isWorkingDay(date: string): boolean;
  /** The due time of `limit` started at `from`; `limit.amount` must be a positive integer. */
  addLimit(from: Date, limit: TimeLimit): Date;
  /** The close of the `n`th working day after the Shanghai day of `from` (that day never counts). */
  addWorkingDays(from: Date, n: number): Date;
  /** `n` hours counted only within working periods of working days, starting at the next period start if outside one. */
  addWorkingHours(from: Date, n: number): Date;
  /**
   * The earliest instant at which `ms` working milliseconds (a non-negative integer) have passed
   * since `from`: a start outside working time waits for the next period start, and a result on
   * a period's end stays there. `ms = 0` returns `from` unchanged. Moving a due time by a paused
   * clock's `workingMsBetween(pausedAt, resumedAt)` keeps the working time left.
   */
  addWorkingMs(from: Date, ms: number): Date;
  /** Working milliseconds between two instants (0 if `to <= from`), counted within working periods of working days. */
  workingMsBetween(from: Date, to: Date): number;
  /**
   * The Shanghai years from `from`'s to `to`'s that have no declared holidays: neither
   * chinese-days nor an operator (`extraDays`) lists one. Working days there are only weekdays,
   * so a due time counted through one is provisional (docs/domain.md#working-calendar).
   */
  undeclaredYears(from: Date, to: Date): number[];
}

const MAX_RANGE_DAYS = 366 * 3;
const HOUR_MS = 3_600_000;

/** @throws RangeError for malformed `workingPeriods` or `extraDays` */
export function createWorkingCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const kinds = createDayKinds(options.extraDays ?? []);
  const schedule: WorkingSchedule = {
    isWorkingDay: kinds.isWorkingDay,
    periods: parseWorkingPeriods(options.workingPeriods ?? DEFAULT_WORKING_PERIODS),
  };
  const cache = new Map<string, CalendarDay>();

  const day = (date: string): CalendarDay => {
    const cached = cache.get(date);
    if (cached !== undefined) return cached;
    const n = parseDate(date);
    const { kind, name } = kinds.kindOf(n);
    const declared = kinds.isDeclared(n);
    const calendarDay: CalendarDay = Object.freeze(name === undefined ? { date, kind, declared } : { date, kind, name, declared });
    cache.set(date, calendarDay);
    return calendarDay;
  };

  const addWorkingDaysTo = (from: Date, n: number): Date => {
    assertPositiveInteger(n, 'Working days');
    return toInstant(addWorkingDays(schedule, epochMs(from, 'from'), n));
  };

  const addWorkingHoursTo = (from: Date, n: number): Date => {
    assertPositiveInteger(n, 'Working hours');
    return toInstant(addWorkingMs(schedule, epochMs(from, 'from'), n * HOUR_MS));
  };

  const addWorkingMsTo = (from: Date, ms: number): Date => {
    assertNonNegativeInteger(ms, 'Working milliseconds');
    return toInstant(addWorkingMs(schedule, epochMs(from, 'from'), ms));
  };

  const declaredYears = new Set((options.extraDays ?? []).filter((d) => d.kind === 'holiday').map((d) => Number(d.date.slice(0, 4))));
  const yearOf = (at: Date) => Number(shanghaiDate(at).slice(0, 4));

  return {
    day,
    undeclaredYears(from, to) {
      const out: number[] = [];
      for (let y = yearOf(from); y <= yearOf(to); y += 1) {
        if ((y < LISTED_YEARS.first || y > LISTED_YEARS.last) && !declaredYears.has(y)) out.push(y);
      }
      return out;
    },
    days(from, to) {
      const first = parseDate(from);
      const last = parseDate(to);
      if (last < first) throw new RangeError(`days(${from}, ${to}): to is before from`);
      if (last - first + 1 > MAX_RANGE_DAYS) throw new RangeError(`days(${from}, ${to}): more than ${MAX_RANGE_DAYS} days`);
      const result: CalendarDay[] = [];
      for (let d = first; d <= last; d += 1) result.push(day(formatDate(d)));
      return result;
    },
    isWorkingDay(date) {
      const { kind } = day(date);
      return kind === 'workday' || kind === 'makeup_workday';
    },
    addLimit(from, { amount, unit }) {
      switch (unit) {
        case 'workingDays':
          return addWorkingDaysTo(from, amount);
        case 'workingHours':
          return addWorkingHoursTo(from, amount);
        case 'hours':
          return elapsed(from, amount, HOUR_MS, 'Hours');
        case 'minutes':
          return elapsed(from, amount, 60_000, 'Minutes');
        case 'seconds':
          return elapsed(from, amount, 1_000, 'Seconds');
        default:
          throw new RangeError(`Unknown time limit unit: ${String(unit satisfies never)}`);
      }
    },
    addWorkingDays: addWorkingDaysTo,
    addWorkingHours: addWorkingHoursTo,
    addWorkingMs: addWorkingMsTo,
    workingMsBetween(from, to) {
      return workingMsBetween(schedule, epochMs(from, 'from'), epochMs(to, 'to'));
    },
  };
}

/** Plain elapsed time, no calendar: the green channel and tests. */
function elapsed(from: Date, amount: number, unitMs: number, label: string): Date {
  assertPositiveInteger(amount, label);
  return toInstant(epochMs(from, 'from') + amount * unitMs);
}
