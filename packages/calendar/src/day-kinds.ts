import type { DayKind, ExtraDay } from './calendar-day.ts';
import { isWeekend, parseDate, type DayNumber } from './civil-date.ts';
import { LISTED_DAYS } from './holiday-data.ts';

type DayKindEntry = Readonly<{ kind: DayKind; name?: string }>;

/** Answers what kind a day is, without allocating: deadline arithmetic asks it once a day walked. */
export type DayKinds = {
  kindOf(day: DayNumber): DayKindEntry;
  isWorkingDay(day: DayNumber): boolean;
  /** True when `extraDays` lists the day. */
  isDeclared(day: DayNumber): boolean;
};

const WORKDAY: DayKindEntry = Object.freeze({ kind: 'workday' });
const WEEKEND: DayKindEntry = Object.freeze({ kind: 'weekend' });

/**
 * Precedence: `extraDays`, then chinese-days (make-up workday, then holiday), then Saturday and
 * Sunday are weekends and the rest workdays.
 * @throws RangeError for a malformed or repeated extra day
 */
export function createDayKinds(extraDays: ReadonlyArray<ExtraDay>): DayKinds {
  const extras = new Map<DayNumber, DayKindEntry>();
  for (const extra of extraDays) {
    const day = parseDate(extra.date);
    if (extra.kind !== 'holiday' && extra.kind !== 'makeup_workday') {
      throw new RangeError(`extraDays ${extra.date}: kind must be 'holiday' or 'makeup_workday'`);
    }
    if (extras.has(day)) throw new RangeError(`extraDays lists ${extra.date} twice`);
    extras.set(day, Object.freeze(extra.name === undefined ? { kind: extra.kind } : { kind: extra.kind, name: extra.name }));
  }

  const kindOf = (day: DayNumber): DayKindEntry => extras.get(day) ?? LISTED_DAYS.get(day) ?? (isWeekend(day) ? WEEKEND : WORKDAY);

  return {
    kindOf,
    isWorkingDay(day) {
      const { kind } = kindOf(day);
      return kind === 'workday' || kind === 'makeup_workday';
    },
    isDeclared: (day) => extras.has(day),
  };
}
