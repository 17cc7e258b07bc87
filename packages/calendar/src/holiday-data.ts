import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { parseDate, type DayNumber } from './civil-date.ts';

/** A date chinese-days lists: a public holiday, or a weekend made a working day (调休). */
export type ListedDay = Readonly<{ kind: 'holiday' | 'makeup_workday'; name: string }>;

type Labels = Readonly<Record<string, string>>;

/**
 * The package's own data, read directly: its functions parse dates in the process time zone
 * and report the wrong day west of UTC.
 */
const { holidays, workdays, inLieuDays } = chineseDays as Readonly<Record<'holidays' | 'workdays' | 'inLieuDays', Labels>>;

/** Every date chinese-days lists, by day number. */
export const LISTED_DAYS: ReadonlyMap<DayNumber, ListedDay> = buildListedDays();

/** The years chinese-days has data for; outside them only weekends and `extraDays` apply. */
export const LISTED_YEARS: Readonly<{ first: number; last: number }> = listedYears();

/** 'National Day,国庆节,3' → '国庆节'; a label without that shape is kept whole. */
export function chineseName(label: string): string {
  const name = label.split(',')[1]?.trim();
  return name === undefined || name === '' ? label : name;
}

function buildListedDays(): Map<DayNumber, ListedDay> {
  const days = new Map<DayNumber, ListedDay>();
  // In-lieu days (调休 days off) are holidays in the data already; merged in case a release differs.
  const put = (labels: Labels, kind: ListedDay['kind']): void => {
    for (const [date, label] of Object.entries(labels)) {
      days.set(parseDate(date), Object.freeze({ kind, name: chineseName(label) }));
    }
  };
  put(inLieuDays, 'holiday');
  put(holidays, 'holiday');
  // A make-up workday wins, as in the package's own isWorkday.
  put(workdays, 'makeup_workday');
  return days;
}

function listedYears(): { first: number; last: number } {
  const years = Object.keys(holidays).map((date) => Number(date.slice(0, 4)));
  return Object.freeze({ first: Math.min(...years), last: Math.max(...years) });
}
