import { sql } from 'kysely';
import type { Db } from '@huiyin/store';
import type { TimerRequest } from '../deps.ts';

/**
 * The timers PostgreSQL says should exist: the next step of every running clock and the end of
 * every pause that has one (`resume`), in pages.
 * The reconciler re-adds them all; those already in Redis are left as they are.
 */
export async function* dueTimers(db: Db, pageSize = 5000): AsyncGenerator<TimerRequest[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .selectFrom('clocks')
      .select(['id', 'next_step', 'next_step_at', 'version'])
      .where('status', 'in', ['running', 'paused'])
      .where('next_step_at', 'is not', null)
      .where(sql<boolean>`id > ${after}::uuid`)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ clockId: r.id, step: r.next_step ?? 'due', version: r.version, at: r.next_step_at ?? new Date() }));
    after = rows.at(-1)?.id ?? after;
  }
}
