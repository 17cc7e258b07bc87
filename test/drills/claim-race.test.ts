import { describe, expect, it } from 'vitest';
import { claimRaceDrill } from './claim-race.ts';

describe('drill 5: simultaneous claims over HTTP', () => {
  it('lets exactly one of unit A’s racing claims (or claim and return) win, the other 409, unit B 403', async () => {
    const report = await claimRaceDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 60_000);
});
