import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import { BUCKET_MS, HORIZON_MS, WINDOW_MS, type DueInstant } from './due-instants.ts';

type Row = { kind: DueInstant['kind']; at: string };
const rows = (r: { rows: Row[] }): DueInstant[] => r.rows.map((x) => ({ kind: x.kind, at: Number(x.at) }));
// A step's instant in SQL, as `instantOf` computes it in JS: its due time in ms rounded up to the bucket.
const bucketOf = sql`ceil(extract(epoch from next_step_at) * 1000 / ${BUCKET_MS})::bigint * ${BUCKET_MS}`;

/**
 * The distinct instants of every waiting step (running clocks' next steps, paused clocks' ends),
 * seen at `now`: drain instants within the horizon, window minutes beyond it. Counted in
 * PostgreSQL, so a rebuild reads one row per instant, not one per open clock.
 */
export async function dueInstants(db: Db, now: Date): Promise<DueInstant[]> {
  const horizon = new Date(now.getTime() + HORIZON_MS);
  return rows(
    await sql<Row>`
      select distinct
        case when next_step_at >= ${horizon} then 'window' else 'drain' end as kind,
        case when next_step_at >= ${horizon} then floor(extract(epoch from next_step_at) * 1000 / ${WINDOW_MS})::bigint * ${WINDOW_MS} else ${bucketOf} end as at
      from clocks
      where status in ('running', 'paused') and next_step_at is not null`.execute(db),
  );
}

/** The distinct drain instants of the steps due in [from, to): what a window job sets. One index range per clock status. */
export async function dueInstantsBetween(db: Db, from: Date, to: Date): Promise<DueInstant[]> {
  return rows(
    await sql<Row>`
      select distinct 'drain' as kind, ${bucketOf} as at from clocks
      where status = 'running' and next_step_at >= ${from} and next_step_at < ${to}
      union
      select 'drain', ${bucketOf} from clocks
      where status = 'paused' and next_step_at >= ${from} and next_step_at < ${to}`.execute(db),
  );
}
