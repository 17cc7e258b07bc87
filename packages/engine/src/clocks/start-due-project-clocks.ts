import { shanghaiDate, type WorkingCalendar } from '@huiyin/calendar';
import { sql } from 'kysely';
import { SEMI_MONTHLY, periodEndOn, type ReportSchedule } from '@huiyin/project-workflow';
import type { Db } from '@huiyin/store';
import { syncProjectClocks } from './sync-project-clocks.ts';

/**
 * Starts the key-project clocks that should run and do not: an open milestone without its clock,
 * or a project under way (or suspended) with no report clock for the current period or a later
 * one — projects from before the clocks existed, or a period whose start no step triggered.
 * One indexed query finds them; each is synced under its lock in its own short transaction. The
 * reconciler calls it before setting every timer again, so the clocks it starts get theirs.
 * Returns the number of projects synced.
 */
export async function startDueProjectClocks(db: Db, now: Date, schedule: ReportSchedule = SEMI_MONTHLY, calendar?: WorkingCalendar): Promise<number> {
  const current = periodEndOn(shanghaiDate(now), schedule);
  const { rows } = await sql<{ id: string }>`
    select p.id from projects p
    where p.state <> 'completed' and (
      exists (
        select 1 from project_milestones m
        where m.project_id = p.id and m.state <> 'done'
          and not exists (select 1 from clocks c where c.project_id = p.id and c.kind = 'milestone' and c.subject = m.id::text and c.status <> 'stopped')
      )
      or (p.state in ('underWay', 'suspended') and not exists (
        select 1 from clocks c where c.project_id = p.id and c.kind = 'report' and c.status <> 'stopped' and c.subject >= ${current}
      ))
    )`.execute(db);
  for (const { id } of rows) {
    await db.transaction().execute(async (trx) => {
      const project = await trx.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (project) await syncProjectClocks(trx, project, now, { schedule, calendar });
    });
  }
  return rows.length;
}
