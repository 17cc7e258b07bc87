import { describe, expect, it } from 'vitest';
import { soakDrill } from './soak.ts';

describe('drill 9: a soak of mixed traffic at a fixed rate (seconds here, ten minutes in `pnpm drill soak`)', () => {
  it('answers every request as expected and logs no error', async () => {
    const report = await soakDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 60_000);
});
