import { sql } from 'kysely';
import type { Tx } from '@huiyin/store';

/** The advisory lock a drain's batch holds shared: one key for the whole district. */
const DRAINING = sql`hashtext('huiyin.draining')`;

/**
 * Marks this transaction as a drain's batch, for every worker process's catch-up to see: the
 * advisory lock is taken shared and never waited for (a batch that cannot take it, because a
 * catch-up is reading, goes on all the same). PostgreSQL lets it go at commit, at rollback, and
 * when the batch's connection dies with its worker, so a killed drain never holds the mark.
 */
export async function markDraining(trx: Tx): Promise<void> {
  await sql`select pg_try_advisory_xact_lock_shared(${DRAINING})`.execute(trx);
}

/**
 * Whether no drain's batch is in flight in any process: the mark taken exclusive, without
 * waiting, for the rest of this (short, read-only) transaction.
 */
export async function noDrainInFlight(trx: Tx): Promise<boolean> {
  const { rows } = await sql<{ free: boolean }>`select pg_try_advisory_xact_lock(${DRAINING}) as free`.execute(trx);
  return rows[0]?.free === true;
}
