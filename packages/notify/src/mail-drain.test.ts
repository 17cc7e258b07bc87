import { describe, expect, it } from 'vitest';
import { errorText, retryDelayMs } from './mail-drain.ts';

describe('errorText', () => {
  it('keeps what PostgreSQL text takes: no NUL, no half surrogate pair, 500 characters', () => {
    expect(errorText(new Error('550 bad\0 mailbox'))).toBe('550 bad mailbox');
    expect(errorText(new Error('lone \uD83D here'))).toBe('lone \uFFFD here');
    // Cut at 500 characters, not in the middle of a pair.
    const long = errorText(new Error(`${'x'.repeat(499)}😀😀`));
    expect([...long]).toHaveLength(500);
    expect(long.endsWith('😀')).toBe(true);
    expect(errorText('')).toBe('send failed');
  });
});

describe('retryDelayMs', () => {
  it('waits 5 s after the first failure, doubling, at most 5 minutes', () => {
    expect([1, 2, 3, 4, 6, 7, 30].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 160_000, 300_000, 300_000]);
  });
});
