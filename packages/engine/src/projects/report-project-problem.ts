import { sql } from 'kysely';
import { DomainError, type Actor } from '@huiyin/domain';
import { restoreProject, type PersistedProject } from '@huiyin/project-workflow';
import { unknownReference } from '../issues/command-helpers.ts';
import { fileIssue, type Acknowledgement } from '../issues/file-issue.ts';
import type { EngineDeps } from '../deps.ts';
import type { ReportProblemInput } from './project-inputs.ts';
import { assertMayAct, decideProjectOrThrow, lockProject, projectNotFound, recordProjectEvent } from './project-ledger.ts';
import { projectVisibleTo } from '@huiyin/store';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';

export type ProblemHandedOver = { problemId: string; issue: Acknowledgement['issue']; expectedDueAt: Date };

/**
 * 即刻交办: a problem found in a project becomes an issue at once, filed through the issue use
 * case (number, acknowledgement, the dispatcher's 待列单 notice) in the same transaction as the
 * problem row and both links (`issues.project_id`, `project_problems.issue_id`). The issue is
 * filed for the project's owner enterprise unless the body names another; when the dispatcher
 * lists it, the project's leader and unit are its defaults.
 */
export async function reportProjectProblem(deps: EngineDeps, params: { projectId: string; actor: Actor; input: ReportProblemInput }): Promise<ProblemHandedOver> {
  const { actor, input } = params;
  // Seen and allowed before anything is filed: a refusal leaves no issue behind.
  const found = await deps.db
    .selectFrom('projects')
    .selectAll()
    .select((eb) => sql<boolean>`${projectVisibleTo(actor)(eb)}`.as('visible'))
    .where('id', '=', params.projectId)
    .executeTakeFirst();
  if (!found || (!found.visible && actor.kind !== 'official')) throw projectNotFound();
  const { visible, ...row } = found;
  if (!visible) throw new DomainError('project.forbidden', 'this is not yours to do on this project');
  assertMayAct({ row, snapshot: restoreProject(row.snapshot as PersistedProject) }, 'reportProblem', actor);
  const enterpriseId = input.enterpriseId ?? row.enterprise_id;
  if (!enterpriseId) throw new DomainError('validation.required', 'the project has no owner enterprise: name the enterprise the problem concerns', { field: 'enterpriseId' });
  if (input.milestoneId && !(await deps.db.selectFrom('project_milestones').select('id').where('id', '=', input.milestoneId).where('project_id', '=', row.id).executeTakeFirst())) {
    throw unknownReference('milestoneId', 'milestone of this project');
  }
  if (input.reportId && !(await deps.db.selectFrom('progress_reports').select('id').where('id', '=', input.reportId).where('project_id', '=', row.id).executeTakeFirst())) {
    throw unknownReference('reportId', 'progress report of this project');
  }
  let problemId = '';
  const ack = await fileIssue(deps, {
    actor,
    input: { categoryId: input.categoryId, title: input.title, description: input.description, enterpriseId, attachmentIds: [], channel: 'project' },
    within: async (trx, issue) => {
      const locked = await lockProject(trx, actor, row.id);
      const now = deps.clock();
      const next = decideProjectOrThrow(locked, { type: 'reportProblem', actor, at: now.toISOString(), issueId: issue.id });
      const problem = await trx
        .insertInto('project_problems')
        .values({
          project_id: row.id,
          milestone_id: input.milestoneId ?? null,
          report_id: input.reportId ?? null,
          description: input.description,
          reported_by: actor.kind === 'official' ? actor.officialId : '',
          reported_at: now,
          issue_id: issue.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      problemId = problem.id;
      await trx.updateTable('issues').set({ project_id: row.id }).where('id', '=', issue.id).execute();
      await recordProjectEvent(trx, {
        row: locked.row,
        actor,
        type: 'reportProblem',
        payload: { problemId, issueId: issue.id, number: issue.number, title: input.title, milestoneId: input.milestoneId ?? null },
        now,
        next,
      });
      await enqueueNotices(trx, issue.id, [
        {
          audience: [{ leader: locked.row.leader_id }, { unit: locked.row.unit_id, heads: true }],
          subject: `【项目问题交办】${issue.number} ${locked.row.name}`,
          text: `重点项目「${locked.row.name}」反映的问题「${input.title}」已即刻交办（${issue.number}），列单时默认由您分包、由贵单位主办。`,
          link: `/projects/${locked.row.id}`,
        },
      ]);
    },
  });
  return { problemId, issue: { ...ack.issue, project_id: row.id }, expectedDueAt: ack.expectedDueAt };
}
