import { sql } from 'kysely';
import type { Db, Tx } from '@huiyin/store';

/** The advisory lock a drain's batch holds shared: one key for the whole district. */
const DRAINING = sql`hashtext('huiyin.draining')`;

/**
 * Marks this transaction as a drain's batch, for every worker process's catch-up to see: the
 * advisory lock is taken shared and never waited for (a batch that cannot take it, because a
 * catch-up is looking that instant, goes on all the same). PostgreSQL lets it go at commit, at
 * rollback, and when the batch's connection dies with its worker, so a killed drain never holds
 * the mark. The catch-up's own batch marks too: another process's catch-up stands aside for it.
 */
export async function markDraining(trx: Tx): Promise<void> {
  await sql`select pg_try_advisory_xact_lock_shared(${DRAINING})`.execute(trx);
}

/**
 * Whether a drain's batch is in flight in any process: the mark taken exclusive and let go in
 * the same statement, so looking never keeps a batch from marking itself (and needs no transaction).
 */
export async function drainInFlight(db: Db): Promise<boolean> {
  const { rows } = await sql<{ free: boolean }>`
    select case when pg_try_advisory_lock(${DRAINING}) then pg_advisory_unlock(${DRAINING}) else false end as free`.execute(db);
  return rows[0]?.free !== true;
}
