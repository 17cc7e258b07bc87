import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

/** A statement's server-side execution time in a phase (pg_stat_statements), all the database's sessions together. */
export type ServerStatement = { query: string; calls: number; ms: number; rows: number };

/**
 * Server-side time per statement, when the server loads pg_stat_statements
 * (shared_preload_libraries): what PostgreSQL spent executing, apart from the round trips and
 * lock waits the workers' own timings include. Without the module, `reset` says so and the
 * bench reports none.
 */
export async function statementsAvailable(db: Db): Promise<boolean> {
  const loaded = await sql<{ on: boolean }>`select current_setting('shared_preload_libraries') like '%pg_stat_statements%' as on`.execute(db);
  if (!loaded.rows[0]?.on) return false;
  await sql`create extension if not exists pg_stat_statements`.execute(db);
  return true;
}

/** Forgets what was counted so far (every database's: the bench's is the only one it reads back). */
export async function resetStatements(db: Db): Promise<void> {
  await sql`select pg_stat_statements_reset()`.execute(db);
}

/** The `limit` statements of this database that took the most execution time since the last reset. */
export async function topStatements(db: Db, limit: number): Promise<ServerStatement[]> {
  const r = await sql<{ query: string; calls: string; ms: number; rows: string }>`
    select left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query, calls, total_exec_time as ms, rows
    from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
    order by total_exec_time desc limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ query: x.query, calls: Number(x.calls), ms: x.ms, rows: Number(x.rows) }));
}
