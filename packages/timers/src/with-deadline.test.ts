import { describe, expect, it } from 'vitest';
import type { TimerRequest } from '@huiyin/engine';
import { withDeadline } from './with-deadline.ts';

const one: TimerRequest[] = [{ clockId: 'c', step: 'reminded', version: 1, at: new Date() }];

describe('a timer port with a deadline', () => {
  it('gives up on a Redis that does not answer, so the request that set the timers does not hang', async () => {
    const hanging = withDeadline({ schedule: () => new Promise(() => {}) }, 50);
    // Timers of one process fire in the order they fall due, however busy the machine: the
    // 50 ms deadline gives up before a 1 s timer set beside it, where a wall-clock bound on the
    // elapsed time could be exceeded by a loaded machine alone.
    let later = false;
    const beside = setTimeout(() => (later = true), 1000);
    await expect(hanging.schedule(one)).rejects.toThrow(/within 50 ms/);
    clearTimeout(beside);
    expect(later).toBe(false);
  });

  it('passes a prompt answer through', async () => {
    const seen: TimerRequest[][] = [];
    await withDeadline({ schedule: async (r) => void seen.push([...r]) }, 50).schedule(one);
    expect(seen).toEqual([one]);
  });
});
