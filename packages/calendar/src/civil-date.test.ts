import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatDate, parseDate, weekday } from './civil-date.ts';

describe('civil dates', () => {
  it('counts days from 1970-01-01', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('2026-11-27')).toBe(Date.UTC(2026, 10, 27) / 86_400_000);
  });

  it('knows the weekday of a date', () => {
    expect(weekday(parseDate('2026-11-27'))).toBe(5); // Friday
    expect(weekday(parseDate('2026-09-20'))).toBe(0); // Sunday
    expect(weekday(parseDate('1969-12-31'))).toBe(3); // Wednesday, before the epoch
  });

  it.each(['2026-2-1', '2026-02-30', '2026-13-01', '2025-02-29', '20260201', '2026-02-01T00:00', ' 2026-02-01', ''])('rejects the malformed date %j', (date) => {
    expect(() => parseDate(date)).toThrow(RangeError);
  });

  it('accepts 29 February only in leap years', () => {
    expect(formatDate(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(formatDate(parseDate('2000-02-29'))).toBe('2000-02-29');
    expect(() => parseDate('2100-02-29')).toThrow(RangeError);
  });

  test.prop([fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })])(
    'agrees with the UTC calendar of Date for every year 1–9999',
    (instant) => {
      const iso = instant.toISOString().slice(0, 10);
      const day = Math.floor(instant.getTime() / 86_400_000);
      expect(formatDate(day)).toBe(iso);
      expect(parseDate(iso)).toBe(day);
      expect(weekday(day)).toBe(instant.getUTCDay());
    },
  );
});
