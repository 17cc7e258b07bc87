import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_PERIODS, parseWorkingPeriods } from './working-periods.ts';

const hour = 3_600_000;

describe('working periods', () => {
  it('parses the default 09:00–12:00 and 13:30–17:30', () => {
    expect(parseWorkingPeriods(DEFAULT_WORKING_PERIODS)).toEqual([
      { start: 9 * hour, end: 12 * hour },
      { start: 13.5 * hour, end: 17.5 * hour },
    ]);
  });

  it('lets one period end where the next starts', () => {
    expect(
      parseWorkingPeriods([
        ['08:00', '12:00'],
        ['12:00', '16:00'],
      ]),
    ).toHaveLength(2);
  });

  it.each([
    ['no periods', []],
    ['an empty period', [['09:00', '09:00']]],
    ['a period ending before it starts', [['17:30', '09:00']]],
    [
      'overlapping periods',
      [
        ['09:00', '12:00'],
        ['11:00', '17:30'],
      ],
    ],
    [
      'periods out of order',
      [
        ['13:30', '17:30'],
        ['09:00', '12:00'],
      ],
    ],
    ['an hour without its leading zero', [['9:00', '12:00']]],
    ['24:00', [['13:30', '24:00']]],
    ['minute 60', [['09:60', '12:00']]],
  ] as const)('rejects %s', (_, periods) => {
    expect(() => parseWorkingPeriods(periods)).toThrow(RangeError);
  });
});
