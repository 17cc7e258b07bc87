import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { allocateTargets, MIN_PER_TARGET } from './issue-stages.ts';

const total = (alloc: Array<[string, number]>) => alloc.reduce((sum, [, n]) => sum + n, 0);

describe('allocateTargets', () => {
  it('puts most of 300 drafts in progress or closed', () => {
    const counts = Object.fromEntries(allocateTargets(300));
    expect(counts['inProgress']).toBe(80);
    expect(counts['closed']).toBe(100);
    expect(Math.min(...Object.values(counts))).toBeGreaterThanOrEqual(MIN_PER_TARGET);
  });

  test.prop([fc.integer({ min: 0, max: 5000 })])('gives out exactly the drafts asked for', (count) => {
    expect(total(allocateTargets(count))).toBe(count);
  });

  test.prop([fc.integer({ min: 55, max: 5000 })])('gives every target at least five once there are 55', (count) => {
    for (const [, n] of allocateTargets(count)) expect(n).toBeGreaterThanOrEqual(MIN_PER_TARGET);
  });

  test.prop([fc.integer({ min: 0, max: 54 })])('takes turns below 55', (count) => {
    const ns = allocateTargets(count).map(([, n]) => n);
    expect(Math.max(...ns) - Math.min(...ns)).toBeLessThanOrEqual(1);
  });
});
