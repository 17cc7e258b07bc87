import { describe, expect, it } from 'vitest';
import { workerKillDrill } from './worker-kill.ts';

describe('drill 1: a worker killed with SIGKILL mid-escalation', () => {
  it('fires every step of the track once and delivers every mail once, through two kills', async () => {
    const report = await workerKillDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 300_000);
});
