import { describe, expect, it } from 'vitest';
import { ledgerChainDrill } from './ledger-chain.ts';

describe('drill 8: the ledger is a hash chain per issue', () => {
  it('chains every event, refuses UPDATE and DELETE, and `huiyin ledger verify` names each edited row', async () => {
    const report = await ledgerChainDrill.run('short');
    expect(report.failures).toEqual([]);
  }, 60_000);
});
