import { describe, expect, it } from 'vitest';
import { authorisationMatrixDrill } from './authorisation-matrix.ts';

describe('drill 7: the authorisation matrix', () => {
  it('refuses every role every endpoint on objects not theirs, lets the owners read, and writes nothing when refusing', async () => {
    const report = await authorisationMatrixDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 60_000);
});
