import { endOfShanghaiDay } from '@huiyin/calendar';
import type { Day } from './types.ts';

/**
 * The semi-monthly schedule (每半月): a report covers the days up to a cutoff day of the month
 * and is due by the end of that day, Shanghai time. A cutoff past a month's length means its
 * last day, so `[15, 31]` is "by the 15th and by the last day of the month".
 */
export type ReportSchedule = { cutoffs: readonly number[] };

/** @defaultValue by the 15th and by the last day of each month. */
export const SEMI_MONTHLY: ReportSchedule = { cutoffs: [15, 31] };

const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function monthCutoffs(year: number, month: number, schedule: ReportSchedule): Day[] {
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const days = [...new Set(schedule.cutoffs.map((c) => Math.min(c, last)))].sort((a, b) => a - b);
  return days.map((d) => new Date(Date.UTC(year, month, d)).toISOString().slice(0, 10));
}

function checkSchedule(schedule: ReportSchedule): void {
  if (schedule.cutoffs.length === 0 || schedule.cutoffs.some((c) => !Number.isInteger(c) || c < 1 || c > 31)) {
    throw new RangeError(`cutoffs must be days of the month 1-31, got ${schedule.cutoffs.join(',')}`);
  }
}

/** The end of the period `day` falls in: the first cutoff on or after it. */
export function periodEndOn(day: Day, schedule: ReportSchedule = SEMI_MONTHLY): Day {
  checkSchedule(schedule);
  const d = new Date(`${day}T00:00:00Z`);
  const here = monthCutoffs(d.getUTCFullYear(), d.getUTCMonth(), schedule).find((c) => c >= day);
  return here ?? monthCutoffs(d.getUTCFullYear(), d.getUTCMonth() + 1, schedule)[0] ?? day;
}

export function isPeriodEnd(day: Day, schedule: ReportSchedule = SEMI_MONTHLY): boolean {
  return isDay(day) && periodEndOn(day, schedule) === day;
}

/** The period that ends on `periodEnd`: from the day after the previous cutoff. */
export function periodEnding(periodEnd: Day, schedule: ReportSchedule = SEMI_MONTHLY): { start: Day; end: Day; dueAt: Date } {
  const previous = periodEndOn(addDays(periodEnd, -31), schedule);
  let start = addDays(previous, 1);
  // Walk to the last cutoff before this one (periods are at most a month long).
  for (let next = periodEndOn(start, schedule); next < periodEnd; next = periodEndOn(start, schedule)) start = addDays(next, 1);
  return { start, end: periodEnd, dueAt: endOfShanghaiDay(periodEnd) };
}

/** Every period end from the period `from` falls in up to and including `to`'s period. */
export function periodEndsBetween(from: Day, to: Day, schedule: ReportSchedule = SEMI_MONTHLY): Day[] {
  const ends: Day[] = [];
  for (let end = periodEndOn(from, schedule); end <= periodEndOn(to, schedule); end = periodEndOn(addDays(end, 1), schedule)) ends.push(end);
  return ends;
}
