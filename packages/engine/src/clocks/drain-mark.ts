import { sql } from 'kysely';
import type { Db, Tx } from '@huiyin/store';

/**
 * The advisory lock a drain's batch holds shared: one key for the whole district, in the form of
 * two int4 (an arbitrary constant and 1) so that pg_locks shows it as (classid, objid).
 */
const DRAINING = { classid: 1_215_654_265, objid: 1 } as const;

/**
 * Marks this transaction as a drain's batch, for every worker process's catch-up to see: the
 * advisory lock is taken shared and never waited for. PostgreSQL lets it go at commit, at
 * rollback, and when the batch's connection dies with its worker, so a killed drain never holds
 * the mark. The catch-up's own batch marks too: another process's catch-up stands aside for it.
 */
export async function markDraining(trx: Tx): Promise<void> {
  await sql`select pg_try_advisory_xact_lock_shared(${sql.lit(DRAINING.classid)}, ${sql.lit(DRAINING.objid)})`.execute(trx);
}

/**
 * Whether a drain's batch that began less than `youngerThanMs` ago is in flight in any process
 * of this database. A batch takes tenths of a second to a few seconds, and every batch is a new
 * transaction: a burst of any length keeps showing young batches, while a batch stuck (its
 * connection hung, or waiting on a lock) grows old and stops holding the catch-up back. A
 * transaction's start is seen in pg_stat_activity for every session of the same role (or with
 * pg_read_all_stats); a hidden one is null and counts as no drain, so workers under another role
 * bring back the extra writer, never a step left unfired.
 */
export async function drainInFlight(db: Db, youngerThanMs: number): Promise<boolean> {
  const { rows } = await sql<{ draining: boolean }>`
    select exists (
      select from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${sql.lit(DRAINING.classid)} and l.objid = ${sql.lit(DRAINING.objid)} and l.objsubid = 2
        and a.xact_start > clock_timestamp() - make_interval(secs => ${youngerThanMs / 1000})
    ) as draining`.execute(db);
  return rows[0]?.draining === true;
}
