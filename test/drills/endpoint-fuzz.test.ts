import { describe, expect, it } from 'vitest';
import { endpointFuzzDrill } from './endpoint-fuzz.ts';

describe('drill 6: property-based fuzzing of every endpoint in /openapi.json', () => {
  it('answers a few hundred invalid bodies, queries, headers and ids below 500, as problem+json, and writes no row', async () => {
    const report = await endpointFuzzDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 60_000);
});
