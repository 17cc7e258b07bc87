import { describe, expect, it } from 'vitest';
import { scaleOutDrill } from './scale-out.ts';

describe('drill 10: scaled out over two hosts (network namespaces)', () => {
  it('answers every filing once through two APIs and fires every step and mail once, one API and one worker killed mid-run', async () => {
    const report = await scaleOutDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 420_000);
});
