import { sql } from 'kysely';
import type { Db } from '@huiyin/store';

/** What the stand-in did: rounds run, tables vacuumed and analyzed, and the time it took. */
type StandIn = { rounds: number; vacuumed: number; analyzed: number; ms: number };
export type AutovacuumStandIn = { stop(): Promise<StandIn | null> };

type Due = { name: string; vacuum: boolean; analyze: boolean };

/**
 * Stands in for autovacuum when the server has it off, as a CI server may: a district's server
 * has it on (PostgreSQL's default), and without it a soak measures bloat, not the engine (a
 * 10-minute soak at 125/s, 2026-12-07: no table vacuumed, issues 17 423 dead rows to 5 805 live,
 * the inbox's read 15.5 ms and 7 046 buffers a call, PostgreSQL from 0.4 to 1.0 of a core).
 * Every `everyMs` it vacuums and analyzes what autovacuum's default thresholds would (dead rows
 * over 50 + 20 % of the live ones; changes since the last analyze over 50 + 10 %). Does nothing,
 * and `stop` returns null, where autovacuum is on.
 */
export async function standInForAutovacuum(db: Db, everyMs = 15_000): Promise<AutovacuumStandIn> {
  const { rows } = await sql<{ autovacuum: string }>`show autovacuum`.execute(db);
  if (rows[0]?.autovacuum !== 'off') return { stop: async () => null };
  const done: StandIn = { rounds: 0, vacuumed: 0, analyzed: 0, ms: 0 };
  const round = async () => {
    const began = Date.now();
    const due = await sql<Due>`
      select format('%I.%I', schemaname, relname) as name,
        n_dead_tup > 50 + 0.2 * n_live_tup as vacuum,
        n_mod_since_analyze > 50 + 0.1 * n_live_tup as analyze
      from pg_stat_user_tables`.execute(db);
    for (const t of due.rows) {
      if (!t.vacuum && !t.analyze) continue;
      await sql`${sql.raw(t.vacuum ? 'vacuum (analyze)' : 'analyze')} ${sql.raw(t.name)}`.execute(db);
      if (t.vacuum) done.vacuumed++;
      done.analyzed++;
    }
    done.rounds++;
    done.ms += Date.now() - began;
  };
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(round).catch(() => undefined);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return done;
    },
  };
}
