import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('reads working periods and names a bad variable', () => {
    expect(loadConfig({}).workingPeriods).toEqual([
      ['09:00', '12:00'],
      ['13:30', '17:30'],
    ]);
    expect(loadConfig({ WORKING_PERIODS: '08:30-12:00,14:00-18:00' }).workingPeriods).toEqual([
      ['08:30', '12:00'],
      ['14:00', '18:00'],
    ]);
    expect(() => loadConfig({ WORKING_PERIODS: '9-12' })).toThrow(/WORKING_PERIODS/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
