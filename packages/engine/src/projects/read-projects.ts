import { sql } from 'kysely';
import type { ProjectEventActor, ProjectState } from '@huiyin/contract';
import type { Actor, TrackStep } from '@huiyin/domain';
import { type Db, decodeCursor, encodeCursor, projectVisibleTo, rowLimit } from '@huiyin/store';
import { projectNotFound } from './project-ledger.ts';

export type ListProjectsQuery = {
  type?: string | undefined;
  leaderId?: string | undefined;
  unitId?: string | undefined;
  state?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

// Narrowed: the machine's states (written by `stateOf`); a count is never null.
function projectSummaries(db: Db, actor: Actor) {
  return db
    .selectFrom('projects')
    .innerJoin('project_types', 'project_types.code', 'projects.type_code')
    .innerJoin('leaders', 'leaders.id', 'projects.leader_id')
    .innerJoin('units', 'units.id', 'projects.unit_id')
    .leftJoin('enterprises', 'enterprises.id', 'projects.enterprise_id')
    .select([
      'projects.id',
      'projects.name',
      'projects.type_code as type',
      'project_types.name as typeName',
      'projects.state',
      'projects.version',
      'projects.total_investment as totalInvestment',
      'projects.plan_year as planYear',
      'projects.planned_investment_year as plannedInvestmentYear',
      'projects.investment_completed as investmentCompleted',
      'projects.leader_id as leaderId',
      'leaders.name as leaderName',
      'projects.unit_id as unitId',
      'units.short_name as unitName',
      'projects.enterprise_id as enterpriseId',
      'enterprises.name as enterpriseName',
      'projects.start_date as startDate',
      'projects.planned_completion as plannedCompletion',
      'projects.created_at as createdAt',
      'projects.completed_at as completedAt',
    ])
    .select((eb) => [
      eb.selectFrom('project_milestones').whereRef('project_milestones.project_id', '=', 'projects.id').select(sql<number>`count(*)::int`.as('n')).as('milestones'),
      eb
        .selectFrom('project_milestones')
        .whereRef('project_milestones.project_id', '=', 'projects.id')
        .where('project_milestones.state', '=', 'late')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('lateMilestones'),
    ])
    .where(projectVisibleTo(actor))
    .$narrowType<{ state: ProjectState; milestones: number; lateMilestones: number }>();
}

function filtered(db: Db, actor: Actor, q: Omit<ListProjectsQuery, 'limit' | 'cursor'>) {
  let query = projectSummaries(db, actor);
  if (q.type) query = query.where('projects.type_code', '=', q.type);
  if (q.leaderId) query = query.where('projects.leader_id', '=', q.leaderId);
  if (q.unitId) query = query.where('projects.unit_id', '=', q.unitId);
  if (q.state) query = query.where('projects.state', '=', q.state);
  return query;
}

/** The projects an actor may see, newest first, one keyset page at a time. */
export async function listProjects(db: Db, actor: Actor, q: ListProjectsQuery) {
  const cursor = decodeCursor(q.cursor);
  let query = filtered(db, actor, q);
  if (cursor) query = query.where(sql<boolean>`(projects.created_at, projects.id) < (${cursor.at}, ${cursor.id}::uuid)`);
  const rows = await query
    .orderBy('projects.created_at', 'desc')
    .orderBy('projects.id', 'desc')
    .limit(rowLimit(q.limit + 1))
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

/** Every project the list would show, by type and name: for the XLSX export. */
export async function allProjects(db: Db, actor: Actor, q: Omit<ListProjectsQuery, 'limit' | 'cursor'>) {
  return filtered(db, actor, q).orderBy('project_types.name').orderBy('projects.name').execute();
}

/** One project with its team, milestones, progress reports and problems; 404 if not the actor's to see. */
export async function getProject(db: Db, actor: Actor, id: string) {
  const project = await projectSummaries(db, actor).where('projects.id', '=', id).executeTakeFirst();
  if (!project) throw projectNotFound();
  const [team, milestones, reports, items, problems] = await Promise.all([
    db
      .selectFrom('project_members')
      .innerJoin('officials', 'officials.id', 'project_members.official_id')
      .leftJoin('units', 'units.id', 'officials.unit_id')
      .select(['officials.id', 'officials.name', 'units.short_name as unitName'])
      .where('project_members.project_id', '=', id)
      .orderBy('officials.name')
      .execute(),
    db
      .selectFrom('project_milestones')
      .select(['id', 'seq', 'name', 'due_on as dueOn', 'due_at as dueAt', 'percent', 'state', 'track', 'done_at as doneAt', 'version'])
      .$narrowType<{ track: TrackStep }>() // `worseStep` never records `due` or `resume`
      .where('project_id', '=', id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('progress_reports')
      .innerJoin('officials', 'officials.id', 'progress_reports.filed_by')
      .select([
        'progress_reports.id',
        'period_start as periodStart',
        'period_end as periodEnd',
        'due_at as dueAt',
        'filed_at as filedAt',
        'officials.name as filedByName',
        'investment_completed as investmentCompleted',
        'narrative',
        'problems',
        'on_time as onTime',
      ])
      .where('progress_reports.project_id', '=', id)
      .orderBy('period_end', 'desc')
      .execute(),
    db
      .selectFrom('progress_report_items')
      .innerJoin('progress_reports', 'progress_reports.id', 'progress_report_items.report_id')
      .select(['report_id as reportId', 'milestone_id as milestoneId', 'progress_report_items.percent'])
      .where('progress_reports.project_id', '=', id)
      .execute(),
    db
      .selectFrom('project_problems')
      .innerJoin('issues', 'issues.id', 'project_problems.issue_id')
      .select([
        'project_problems.id',
        'project_problems.description',
        'project_problems.milestone_id as milestoneId',
        'project_problems.report_id as reportId',
        'project_problems.reported_at as reportedAt',
        'issues.id as issueId',
        'issues.number as issueNumber',
        'issues.title as issueTitle',
        'issues.state as issueState',
        'issues.track as issueTrack',
      ])
      .$narrowType<{ issueTrack: TrackStep }>()
      .where('project_problems.project_id', '=', id)
      .orderBy('project_problems.reported_at', 'desc')
      .execute(),
  ]);
  return {
    ...project,
    team,
    milestones,
    reports: reports.map((r) => ({ ...r, milestones: items.filter((i) => i.reportId === r.id).map(({ milestoneId, percent }) => ({ milestoneId, percent })) })),
    problems,
  };
}

/** The project's ledger, oldest first. */
export async function projectTimeline(db: Db, actor: Actor, id: string) {
  const visible = await db.selectFrom('projects').select('id').where('id', '=', id).where(projectVisibleTo(actor)).executeTakeFirst();
  if (!visible) throw projectNotFound();
  // Narrowed as `appendProjectEvent` writes them: `describeActor` and the event's payload object.
  return db
    .selectFrom('project_events')
    .select(['seq', 'type', 'actor', 'payload', 'state_after as stateAfter', 'milestone_id as milestoneId', 'at'])
    .$narrowType<{ actor: ProjectEventActor; payload: Record<string, unknown> }>()
    .where('project_id', '=', id)
    .orderBy('seq')
    .execute();
}
