import { SHANGHAI_OFFSET_MS, type TimeLimit } from '@huiyin/calendar';
import { DomainError } from '@huiyin/domain';

/**
 * A reporting period: [start, end) in Asia/Shanghai wall time. A bulletin period is the 1st–15th
 * (`YYYY-MM-H1`) or the 16th–end of month (`YYYY-MM-H2`); a month is `YYYY-MM`.
 */
export type Period = { id: string; label: string; start: Date; end: Date };

/** The instant of 00:00 Shanghai on a calendar day (month 1-based; day may overflow into the next month). */
function shanghaiMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS);
}

/** Year, month (1-based) and day of an instant in Shanghai. */
export function shanghaiParts(at: Date): { year: number; month: number; day: number } {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The bulletin period `YYYY-MM-H1|H2`. */
export function bulletinPeriod(year: number, month: number, half: 1 | 2): Period {
  const ym = `${year}-${pad(month)}`;
  const start = shanghaiMidnight(year, month, half === 1 ? 1 : 16);
  const end = half === 1 ? shanghaiMidnight(year, month, 16) : shanghaiMidnight(year, month + 1, 1);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const label = half === 1 ? `${year}年${month}月上半月（1日—15日）` : `${year}年${month}月下半月（16日—${lastDay}日）`;
  return { id: `${ym}-H${half}`, label, start, end };
}

/** The bulletin period an instant falls in. */
export function bulletinPeriodOf(at: Date): Period {
  const { year, month, day } = shanghaiParts(at);
  return bulletinPeriod(year, month, day <= 15 ? 1 : 2);
}

/** The period that ended last before `now`: the one a scheduled run may publish. */
export function periodJustEnded(now: Date): Period {
  return bulletinPeriodOf(new Date(bulletinPeriodOf(now).start.getTime() - 1));
}

/** The `n` bulletin periods ending with the one `at` falls in, oldest first. */
export function lastPeriods(at: Date, n: number): Period[] {
  const out: Period[] = [];
  let p = bulletinPeriodOf(at);
  for (let i = 0; i < n; i++) {
    out.unshift(p);
    p = bulletinPeriodOf(new Date(p.start.getTime() - 1));
  }
  return out;
}

const PERIOD_ID = /^(\d{4})-(\d{2})-H([12])$/;
const MONTH_ID = /^(\d{4})-(\d{2})$/;

/** Parses `YYYY-MM-H1|H2`; a bad id is `validation.invalid` naming `field`. */
export function parseBulletinPeriod(id: string, field = 'period'): Period {
  const m = PERIOD_ID.exec(id);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new DomainError('validation.invalid', 'a period is YYYY-MM-H1 (1st–15th) or YYYY-MM-H2 (16th–end)', { field });
  return bulletinPeriod(Number(m[1]), month, m[3] === '1' ? 1 : 2);
}

/** Parses `YYYY-MM` into the month's period; a bad value is `validation.invalid` naming `field`. */
export function parseMonth(id: string, field = 'month'): Period {
  const m = MONTH_ID.exec(id);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new DomainError('validation.invalid', 'a month is YYYY-MM', { field });
  const year = Number(m[1]);
  return { id, label: `${year}年${month}月`, start: shanghaiMidnight(year, month, 1), end: shanghaiMidnight(year, month + 1, 1) };
}

/**
 * The scheduler's cron (BullMQ `pattern`, seconds first) and time zone: every day at 08:30,
 * Asia/Shanghai. A run publishes the period just ended once its appeal window has closed, so the
 * bulletin goes out the morning after (docs/domain.md#appeals).
 */
export const BULLETIN_SCHEDULE = { pattern: '0 30 8 * * *', tz: 'Asia/Shanghai' } as const;

/**
 * How long after a period its units may still appeal (申诉) before the scheduled bulletin freezes
 * its figures: 3 working days, to the close of business of the third.
 */
export const APPEAL_WINDOW: TimeLimit = { amount: 3, unit: 'workingDays' };
