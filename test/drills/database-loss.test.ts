import { describe, expect, it } from 'vitest';
import { databaseLossDrill } from './database-loss.ts';

describe('drill 3: PostgreSQL lost under filing load', () => {
  it('answers 503 with Retry-After, never 500, and each Idempotency-Key ends as exactly one issue', async () => {
    const report = await databaseLossDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 60_000);
});
