import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createWorkingCalendar, type CalendarDay } from '@huiyin/calendar';
import { explainLimit, workingSpan } from './explain-span.ts';

// The explanation recomputed independently: the test walks the calendar day by day itself, asking
// the calendar only what kind each date is (the data), and counts working days and working hours
// with its own loop. Starts cluster around National Day 2026 (1–7 October off, 20 September and
// 10 October worked) and the Mid-autumn Festival before it.

const calendar = createWorkingCalendar();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const PERIODS = [
  [9 * HOUR, 12 * HOUR],
  [13.5 * HOUR, 17.5 * HOUR],
] as const;

const midnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
const dateOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const worked = (d: CalendarDay) => d.kind === 'workday' || d.kind === 'makeup_workday';

/** Due at the close (17:30) of the nth worked day after the start's day; every day from the start's to it. */
function walkWorkingDays(from: Date, n: number) {
  const days: Array<{ date: string; kind: string; counted: boolean }> = [{ date: dateOf(from.getTime()), kind: calendar.day(dateOf(from.getTime())).kind, counted: false }];
  let at = midnight(days[0]?.date ?? '');
  for (let left = n; left > 0; ) {
    at += DAY;
    const day = calendar.day(dateOf(at));
    if (worked(day)) left -= 1;
    days.push({ date: day.date, kind: day.kind, counted: worked(day) });
  }
  return { due: new Date(at + 17.5 * HOUR), days };
}

/** Working milliseconds walked period by period; each day's share. */
function walkWorkingMs(from: Date, ms: number) {
  const days: Array<{ date: string; workingMs: number }> = [];
  let left = ms;
  let date = dateOf(from.getTime());
  for (;;) {
    const base = midnight(date);
    let got = 0;
    if (worked(calendar.day(date))) {
      for (const [s, e] of PERIODS) {
        const begin = Math.max(base + s, from.getTime());
        const end = base + e;
        if (begin >= end || left === 0) continue;
        const take = Math.min(left, end - begin);
        got += take;
        left -= take;
        if (left === 0) {
          days.push({ date, workingMs: got });
          return { due: new Date(begin + take), days };
        }
      }
    }
    days.push({ date, workingMs: got });
    date = dateOf(base + DAY + HOUR);
  }
}

const around = fc.date({ min: new Date('2026-09-10T00:00:00+08:00'), max: new Date('2026-10-20T00:00:00+08:00'), noInvalidDate: true });
const anywhere = fc.date({ min: new Date('2025-01-01T00:00:00+08:00'), max: new Date('2026-12-20T00:00:00+08:00'), noInvalidDate: true });
const start = fc.oneof(around, anywhere).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

describe('explainLimit', () => {
  it('counts 5 working days from 30 September 2026 over National Day, skipping the holiday and working 10 October', () => {
    const span = explainLimit(calendar, new Date('2026-09-30T10:00:00+08:00'), { amount: 5, unit: 'workingDays' });
    expect(span.to.toISOString()).toBe(new Date('2026-10-13T17:30:00+08:00').toISOString());
    const counted = span.days.filter((d) => d.counted).map((d) => d.date);
    expect(counted).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13']);
    expect(span.days.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', counted: false });
    expect(span.days.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'makeup_workday', counted: true });
    expect(span.days.find((d) => d.date === '2026-10-11')).toMatchObject({ kind: 'weekend', counted: false });
    expect(span.days[0]).toMatchObject({ date: '2026-09-30', counted: false });
  });

  test.prop([start, fc.integer({ min: 1, max: 25 })])('agrees with a day-by-day walk for working days', (from, n) => {
    const span = explainLimit(calendar, from, { amount: n, unit: 'workingDays' });
    const walked = walkWorkingDays(from, n);
    expect(span.to.toISOString()).toBe(walked.due.toISOString());
    expect(span.days.map((d) => ({ date: d.date, kind: d.kind, counted: d.counted }))).toEqual(walked.days);
    expect(span.counted).toBe(n);
  });

  test.prop([start, fc.integer({ min: 1, max: 60 })])('agrees with a period-by-period walk for working hours', (from, n) => {
    const span = explainLimit(calendar, from, { amount: n, unit: 'workingHours' });
    const walked = walkWorkingMs(from, n * HOUR);
    expect(span.to.toISOString()).toBe(walked.due.toISOString());
    expect(span.days.map((d) => ({ date: d.date, workingMs: d.workingMs }))).toEqual(walked.days);
    expect(span.days.reduce((s, d) => s + d.workingMs, 0)).toBe(n * HOUR);
  });

  test.prop([start, fc.integer({ min: 1, max: 72 })])('counts plain hours as elapsed time, no days', (from, n) => {
    const span = explainLimit(calendar, from, { amount: n, unit: 'hours' });
    expect(span).toMatchObject({ measure: 'elapsed', days: [], counted: n * HOUR });
    expect(span.to.getTime() - from.getTime()).toBe(n * HOUR);
  });
});

describe('workingSpan', () => {
  test.prop([start, fc.integer({ min: 0, max: 20 * 7 * HOUR })])('gives each day the working time a walk gives it, summing to the whole', (from, ms) => {
    const to = calendar.addWorkingMs(from, ms);
    const span = workingSpan(calendar, from, to);
    expect(span.counted).toBe(ms);
    expect(span.days.reduce((s, d) => s + d.workingMs, 0)).toBe(ms);
    // Every day that gave time is a worked one: no weekend or holiday is ever counted.
    for (const d of span.days) if (d.counted) expect(['workday', 'makeup_workday']).toContain(d.kind);
  });
});
