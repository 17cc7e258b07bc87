import { describe, expect, it } from 'vitest';
import { smtpOutageDrill } from './smtp-outage.ts';

describe('drill 4: the mail server down for a while', () => {
  it('queues the mails and, once it is back, delivers every one exactly once', async () => {
    const report = await smtpOutageDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 240_000);
});
