export const LIMIT_UNITS = ['workingDays', 'workingHours', 'hours', 'minutes', 'seconds'] as const;

/** `workingDays` and `workingHours` follow the calendar; the others are plain elapsed time. */
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** A time limit; `amount` is a positive integer. */
export type TimeLimit = { amount: number; unit: LimitUnit };

/**
 * @throws RangeError unless `n` is a positive integer
 */
export function assertPositiveInteger(n: number, label: string): void {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`${label} must be a positive integer, got ${String(n)}`);
  }
}

/**
 * @throws RangeError unless `n` is 0 or a positive integer
 */
export function assertNonNegativeInteger(n: number, label: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${label} must be a non-negative integer, got ${String(n)}`);
  }
}
