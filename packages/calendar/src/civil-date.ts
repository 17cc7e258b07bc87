/** Days since 1970-01-01 of a calendar date (proleptic Gregorian), the calendar's day index. */
export type DayNumber = number;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` date to its day number.
 * @throws RangeError when the string is not a real date in that exact form
 */
export function parseDate(date: string): DayNumber {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (match === null) throw new RangeError(`Expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  const day = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  // Round-tripping rejects month 13, 2026-02-30 and the like.
  if (formatDate(day) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return day;
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatDate(day: DayNumber): string {
  const { year, month, dayOfMonth } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// Howard Hinnant's civil-date algorithms: exact for every year, free of Date.UTC's
// two-digit-year quirk and of the process time zone.
function daysFromCivil(year: number, month: number, dayOfMonth: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(day: DayNumber): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    dayOfMonth: doy - Math.floor((153 * mp + 2) / 5) + 1,
  };
}
