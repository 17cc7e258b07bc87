import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfShanghaiDay, shanghaiDate, shanghaiMinute, shanghaiSecond, shanghaiText } from './shanghai-time.ts';
import { createWorkingCalendar } from './working-calendar.ts';

describe('shanghaiDate', () => {
  it('turns to the next date at 16:00 UTC, midnight in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(shanghaiDate(new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
  });

  it('throws for an invalid Date', () => {
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('process time zone', () => {
  const original = process.env['TZ'];
  beforeAll(() => {
    process.env['TZ'] = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (original === undefined) delete process.env['TZ'];
    else process.env['TZ'] = original;
  });

  it('does not change any answer west of UTC', () => {
    expect(new Date('2026-10-01T12:00:00Z').getHours()).toBe(5); // the zone did change
    const calendar = createWorkingCalendar();
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(calendar.day('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', declared: false });
    expect(calendar.day('2030-10-05')).toEqual({ date: '2030-10-05', kind: 'weekend', declared: false });
    expect(calendar.addWorkingDays(new Date('2026-11-27T10:00:00+08:00'), 1)).toEqual(new Date('2026-11-30T17:30:00+08:00'));
  });
});

describe('shanghaiMinute', () => {
  it('prints the Shanghai wall time to the minute, across midnight and before 1970', () => {
    expect(shanghaiMinute(new Date('2026-12-04T09:30:00Z'))).toBe('2026-12-04 17:30');
    expect(shanghaiMinute(new Date('2026-12-31T16:05:59Z'))).toBe('2027-01-01 00:05');
    expect(shanghaiMinute(new Date('1969-12-31T15:59:00Z'))).toBe('1969-12-31 23:59');
  });
});

describe('shanghaiSecond, shanghaiText, endOfShanghaiDay', () => {
  it('prints an instant at UTC+8, crossing midnight and the year as Shanghai does', () => {
    const at = new Date('2026-12-31T16:05:09Z');
    expect(shanghaiDate(at)).toBe('2027-01-01');
    expect(shanghaiMinute(at)).toBe('2027-01-01 00:05');
    expect(shanghaiSecond(at)).toBe('2027-01-01 00:05:09');
  });

  it('keeps a five-digit year whole', () => {
    expect(shanghaiMinute(new Date('9999-12-31T23:59:59Z'))).toBe('10000-01-01 07:59');
  });

  it('prints a missing instant as the caller asks: a dash for mails, empty for sheets', () => {
    expect(shanghaiText(null)).toBe('—');
    expect(shanghaiText(undefined, '')).toBe('');
    expect(shanghaiText('2026-12-04T09:30:00Z')).toBe('2026-12-04 17:30');
  });

  it('ends a day at the midnight that starts the next, Shanghai time', () => {
    expect(endOfShanghaiDay('2026-11-15').toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(() => endOfShanghaiDay('2026-02-30')).toThrow(RangeError);
  });
});
