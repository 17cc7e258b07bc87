import { sql } from 'kysely';
import type { Actor, TrackStep } from '@huiyin/domain';
import { type Db, projectVisibleTo } from '@huiyin/store';

/**
 * Milestones past their due time and not done, grouped by leader and unit (the monthly
 * meeting's 滞后节点 list): groups with most late first, each milestone most overdue first.
 * Reads the due time itself, not the state, so a milestone is listed from the moment it is late
 * even before the engine's sweep has moved it.
 */
export async function laggingMilestones(db: Db, actor: Actor, now: Date) {
  const rows = await db
    .selectFrom('project_milestones')
    .innerJoin('projects', 'projects.id', 'project_milestones.project_id')
    .innerJoin('leaders', 'leaders.id', 'projects.leader_id')
    .innerJoin('units', 'units.id', 'projects.unit_id')
    .select([
      'projects.leader_id as leaderId',
      'leaders.name as leaderName',
      'projects.unit_id as unitId',
      'units.short_name as unitName',
      'projects.id as projectId',
      'projects.name as projectName',
      'project_milestones.id as milestoneId',
      'project_milestones.name',
      'project_milestones.due_on as dueOn',
      'project_milestones.due_at as dueAt',
      'project_milestones.percent',
      'project_milestones.state',
      'project_milestones.track',
    ])
    .select(sql<number>`floor(extract(epoch from (${now}::timestamptz - project_milestones.due_at)) / 86400)::int`.as('daysLate'))
    .$narrowType<{ track: TrackStep }>() // `worseStep` never records `due` or `resume`
    .where(projectVisibleTo(actor))
    .where('projects.state', '<>', 'completed')
    .where('project_milestones.state', '<>', 'done')
    .where('project_milestones.due_at', '<=', now)
    .orderBy('project_milestones.due_at')
    .execute();
  const groups = new Map<string, { leaderId: string; leaderName: string; unitId: string; unitName: string; late: number; milestones: typeof rows }>();
  for (const r of rows) {
    const key = `${r.leaderId}|${r.unitId}`;
    const g = groups.get(key) ?? { leaderId: r.leaderId, leaderName: r.leaderName, unitId: r.unitId, unitName: r.unitName, late: 0, milestones: [] };
    g.late += 1;
    g.milestones.push(r);
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.late - a.late || a.leaderName.localeCompare(b.leaderName, 'zh') || a.unitName.localeCompare(b.unitName, 'zh'));
  return { asOf: now, late: rows.length, groups: sorted };
}
