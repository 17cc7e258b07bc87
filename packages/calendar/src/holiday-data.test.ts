import { describe, expect, it } from 'vitest';
import { parseDate } from './civil-date.ts';
import { chineseName, LISTED_DAYS, LISTED_YEARS } from './holiday-data.ts';

describe('chinese-days data', () => {
  it('takes the Chinese name out of the package label', () => {
    expect(chineseName('National Day,国庆节,3')).toBe('国庆节');
    expect(chineseName('Tomb-sweeping Day,清明,1')).toBe('清明');
  });

  it('keeps a label without the English,Chinese,count shape whole', () => {
    expect(chineseName('国庆节')).toBe('国庆节');
  });

  it('covers 2004 up to at least 2026', () => {
    expect(LISTED_YEARS.first).toBe(2004);
    expect(LISTED_YEARS.last).toBeGreaterThanOrEqual(2026);
  });

  it('lists the 2026 National Day make-up Sunday and Saturday as make-up workdays', () => {
    expect(LISTED_DAYS.get(parseDate('2026-09-20'))).toEqual({ kind: 'makeup_workday', name: '国庆节' });
    expect(LISTED_DAYS.get(parseDate('2026-10-10'))).toEqual({ kind: 'makeup_workday', name: '国庆节' });
  });

  it('lists weekday days off in lieu (调休) as holidays', () => {
    expect(LISTED_DAYS.get(parseDate('2026-10-07'))).toEqual({ kind: 'holiday', name: '国庆节' }); // a Wednesday
    expect(LISTED_DAYS.get(parseDate('2026-02-23'))).toEqual({ kind: 'holiday', name: '春节' }); // a Monday
  });

  it('does not list ordinary days', () => {
    expect(LISTED_DAYS.has(parseDate('2026-11-27'))).toBe(false);
    expect(LISTED_DAYS.has(parseDate('2026-11-28'))).toBe(false);
  });
});
