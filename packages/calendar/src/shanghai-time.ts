import { formatDate, parseDate, type DayNumber } from './civil-date.ts';

/** Asia/Shanghai is UTC+8 all year: no daylight saving since 1991. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The largest |epoch ms| a `Date` can hold. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * Epoch milliseconds of a valid `Date`.
 * @throws RangeError for an invalid `Date`
 */
export function epochMs(instant: Date, label = 'instant'): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${label} is an invalid Date`);
  return ms;
}

/**
 * A `Date` for epoch milliseconds.
 * @throws RangeError when the result is beyond what a `Date` can hold
 */
export function toInstant(ms: number): Date {
  if (!(Math.abs(ms) <= MAX_EPOCH_MS)) throw new RangeError('Result is beyond the range of Date');
  return new Date(ms);
}

/** The Shanghai day an instant falls on. */
export function shanghaiDay(ms: number): DayNumber {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 Shanghai on a day. */
export function shanghaiMidnight(day: DayNumber): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The `YYYY-MM-DD` date of an instant in Shanghai. */
export function shanghaiDate(instant: Date): string {
  return formatDate(shanghaiDay(epochMs(instant)));
}

/** `YYYY-MM-DD HH:mm` of an instant in Shanghai, as mails, notes and answers print it. */
export function shanghaiMinute(instant: Date): string {
  return wallTime(instant, false);
}

/** `YYYY-MM-DD HH:mm:ss` of an instant in Shanghai. */
export function shanghaiSecond(instant: Date): string {
  return wallTime(instant, true);
}

function wallTime(instant: Date, withSeconds: boolean): string {
  const ms = epochMs(instant);
  const seconds = Math.floor((ms + SHANGHAI_OFFSET_MS - shanghaiDay(ms) * DAY_MS) / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const minute = `${formatDate(shanghaiDay(ms))} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}`;
  return withSeconds ? `${minute}:${two(seconds % 60)}` : minute;
}

/**
 * Shanghai wall time to the minute (`2026-12-04 17:30`) for mails, sheets and notes; `none` when
 * there is no instant (mails print a dash, sheets leave the cell empty).
 */
export function shanghaiText(instant: Date | string | null | undefined, none = '—'): string {
  if (!instant) return none;
  return shanghaiMinute(typeof instant === 'string' ? new Date(instant) : instant);
}

/** The instant a Shanghai day (`YYYY-MM-DD`) ends: the midnight that starts the next one. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(shanghaiMidnight(parseDate(day) + 1));
}

/** The last Shanghai day a `Date` can reach; walks past it throw instead of running on. */
const LAST_DAY: DayNumber = shanghaiDay(MAX_EPOCH_MS);

/** @throws RangeError once a day walk passes the range of `Date` */
export function assertWithinDateRange(day: DayNumber): void {
  if (day > LAST_DAY) throw new RangeError('Result is beyond the range of Date');
}
