/** A working period as milliseconds after 00:00 Shanghai, `start < end`. */
export type WorkingPeriod = Readonly<{ start: number; end: number }>;

/** @defaultValue 09:00–12:00 and 13:30–17:30 Shanghai */
export const DEFAULT_WORKING_PERIODS: ReadonlyArray<readonly [string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '17:30'],
];

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Parses `HH:MM` pairs (00:00–23:59) into ascending, non-overlapping periods.
 * A period may not end at 24:00, so a working day's close stays on that day.
 * @throws RangeError for an empty list, a malformed time, an empty period, or periods out of order
 */
export function parseWorkingPeriods(periods: ReadonlyArray<readonly [string, string]>): ReadonlyArray<WorkingPeriod> {
  if (periods.length === 0) throw new RangeError('workingPeriods must hold at least one period');
  const parsed: WorkingPeriod[] = [];
  let previousEnd = -1;
  for (const [from, to] of periods) {
    const start = timeOfDay(from);
    const end = timeOfDay(to);
    if (start >= end) throw new RangeError(`Working period ${from}–${to} must end after it starts`);
    if (start < previousEnd) throw new RangeError(`Working period ${from}–${to} overlaps or precedes the one before`);
    parsed.push(Object.freeze({ start, end }));
    previousEnd = end;
  }
  return Object.freeze(parsed);
}

function timeOfDay(time: string): number {
  const match = TIME_PATTERN.exec(time);
  if (match === null) throw new RangeError(`Expected HH:MM between 00:00 and 23:59, got ${JSON.stringify(time)}`);
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}
