import { describe, expect, it } from 'vitest';
import { redisLossDrill } from './redis-loss.ts';

describe('drill 2: Redis flushed and restarted empty under running workers', () => {
  it('still fires every claim step within a minute of its time, once, and delivers every mail once', async () => {
    const report = await redisLossDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 200_000);
});
