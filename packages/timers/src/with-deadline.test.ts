import { describe, expect, it } from 'vitest';
import type { TimerRequest } from '@huiyin/engine';
import { withDeadline } from './with-deadline.ts';

const one: TimerRequest[] = [{ clockId: 'c', step: 'reminded', version: 1, at: new Date() }];

describe('a timer port with a deadline', () => {
  it('gives up on a Redis that does not answer, so the request that set the timers does not hang', async () => {
    const hanging = withDeadline({ schedule: () => new Promise(() => {}) }, 50);
    const started = Date.now();
    await expect(hanging.schedule(one)).rejects.toThrow(/within 50 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('passes a prompt answer through', async () => {
    const seen: TimerRequest[][] = [];
    await withDeadline({ schedule: async (r) => void seen.push([...r]) }, 50).schedule(one);
    expect(seen).toEqual([one]);
  });
});
