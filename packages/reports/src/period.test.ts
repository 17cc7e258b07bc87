import { describe, expect, it } from 'vitest';
import { bulletinPeriodOf, lastPeriods, parseBulletinPeriod, parseMonth, periodJustEnded } from './period.ts';

describe('bulletin periods (Asia/Shanghai)', () => {
  it('runs on the 1st at 08:30 for the 16th–end of the month before, and on the 16th for the 1st–15th', () => {
    // 2026-12-01 08:30 Shanghai = 00:30 UTC.
    expect(periodJustEnded(new Date('2026-12-01T00:30:00Z'))).toEqual({
      id: '2026-11-H2',
      label: '2026年11月下半月（16日—30日）',
      start: new Date('2026-11-15T16:00:00Z'),
      end: new Date('2026-11-30T16:00:00Z'),
    });
    expect(periodJustEnded(new Date('2026-11-16T00:30:00Z'))).toMatchObject({ id: '2026-11-H1', start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-15T16:00:00Z') });
    // Across the year and through February.
    expect(periodJustEnded(new Date('2027-01-01T00:30:00Z')).id).toBe('2026-12-H2');
    expect(periodJustEnded(new Date('2028-03-01T00:30:00Z'))).toMatchObject({ id: '2028-02-H2', label: '2028年2月下半月（16日—29日）' });
    // A run delayed by hours still reports the half-month that ended last.
    expect(periodJustEnded(new Date('2026-12-01T15:59:00Z')).id).toBe('2026-11-H2');
  });

  it('places instants by Shanghai wall time, not UTC', () => {
    // 2026-11-15 23:59 Shanghai is still the first half; 2026-11-16 00:00 Shanghai is the second.
    expect(bulletinPeriodOf(new Date('2026-11-15T15:59:59Z')).id).toBe('2026-11-H1');
    expect(bulletinPeriodOf(new Date('2026-11-15T16:00:00Z')).id).toBe('2026-11-H2');
    expect(bulletinPeriodOf(new Date('2026-11-30T16:00:00Z')).id).toBe('2026-12-H1');
  });

  it('lists the last n periods oldest first, and parses ids', () => {
    expect(lastPeriods(new Date('2026-01-10T00:00:00Z'), 3).map((p) => p.id)).toEqual(['2025-12-H1', '2025-12-H2', '2026-01-H1']);
    expect(parseBulletinPeriod('2026-02-H2').end).toEqual(new Date('2026-02-28T16:00:00Z'));
    expect(() => parseBulletinPeriod('2026-13-H1')).toThrow(/YYYY-MM-H1/);
    expect(parseMonth('2026-02')).toMatchObject({ start: new Date('2026-01-31T16:00:00Z'), end: new Date('2026-02-28T16:00:00Z') });
    expect(() => parseMonth('2026-00')).toThrow(/YYYY-MM/);
  });
});
