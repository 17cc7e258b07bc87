import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import type { TimerRequest } from '@huiyin/engine';

/** The ids of the running clocks, in a stable order, from which each phase takes its slice. */
export async function runningClockIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('clocks').select('id').where('status', '=', 'running').where('next_step', 'is not', null).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Moves the next step of the given clocks to `dueAt(i)` the way a command moving a clock does
 * (a new version, so their old timers find nothing to do), and returns the timers to set.
 */
export async function armClocks(db: Db, ids: readonly string[], dueAt: (i: number) => Date): Promise<TimerRequest[]> {
  const out: TimerRequest[] = [];
  for (let i = 0; i < ids.length; i += 10_000) {
    const page = ids.slice(i, i + 10_000);
    const ats = page.map((_, j) => dueAt(i + j).toISOString());
    const rows = await sql<{ id: string; next_step: TimerRequest['step']; version: number; next_step_at: Date }>`
      update clocks c set version = c.version + 1, next_step_at = v.at
      from unnest(${page}::uuid[], ${ats}::timestamptz[]) v(id, at)
      where c.id = v.id
      returning c.id, c.next_step, c.version, c.next_step_at`.execute(db);
    out.push(...rows.rows.map((r) => ({ clockId: r.id, step: r.next_step, version: r.version, at: r.next_step_at })));
  }
  return out;
}

/** The last ledger event so far: steps applied later have a greater id. */
export async function lastEventId(db: Db): Promise<string> {
  const row = await db
    .selectFrom('issue_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return String(row?.id ?? 0);
}

export type AppliedSteps = { applied: number; lateMs: number[]; first: Date | null; last: Date | null; timedOut: boolean };

/**
 * Waits until `count` trackStep events were written after `after` (or `timeoutMs` passes), and
 * returns each one's lateness as fireClockStep recorded it (fired time − next_step_at).
 */
export async function waitForSteps(db: Db, after: string, count: number, timeoutMs: number): Promise<AppliedSteps> {
  const end = Date.now() + timeoutMs;
  const applied = async () => Number((await sql<{ n: string }>`select count(*) as n from issue_events where id > ${after} and type = 'trackStep'`.execute(db)).rows[0]?.n ?? 0);
  let n = await applied();
  // Each poll counts every step of the phase so far, on the same cores as the workers (0.26 ms
  // of PostgreSQL per step over a burst of 50 000 when it polled four times a second). The
  // figures come from the events' own times, so polling once a second costs them nothing.
  while (n < count && Date.now() < end) {
    await sleep(1000);
    n = await applied();
  }
  const rows = await sql<{ late: number; at: Date }>`select (payload->>'lateMs')::int as late, at from issue_events where id > ${after} and type = 'trackStep' order by at`.execute(db);
  return { applied: rows.rows.length, lateMs: rows.rows.map((r) => r.late), first: rows.rows[0]?.at ?? null, last: rows.rows.at(-1)?.at ?? null, timedOut: n < count };
}
