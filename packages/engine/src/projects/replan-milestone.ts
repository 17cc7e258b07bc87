import { endOfShanghaiDay } from '@huiyin/calendar';
import { DomainError, type Actor } from '@huiyin/domain';

import { syncProjectClocks } from '../clocks/sync-project-clocks.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import { advanceProjectMilestones } from './advance-milestones.ts';
import type { ReplanMilestoneInput } from './project-inputs.ts';
import { decideMilestoneOrThrow, lockProject, recordProjectEvent, writeMilestone, type ProjectRow } from './project-ledger.ts';

/**
 * A leader (or the service centre) moves a milestone's due day, with the reason on the record;
 * a late milestone is back on plan. The day stays within the project's planned completion. Its
 * clock moves (a new version: the old timers find nothing to do), afresh when the day is later.
 */
export async function replanMilestone(deps: EngineDeps, params: { projectId: string; milestoneId: string; actor: Actor; input: ReplanMilestoneInput }): Promise<ProjectRow> {
  const { actor, input } = params;
  const { row, timers } = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockProject(trx, actor, params.projectId, input.expectedVersion);
    const m = await trx.selectFrom('project_milestones').selectAll().where('id', '=', params.milestoneId).where('project_id', '=', locked.row.id).forUpdate().executeTakeFirst();
    if (!m) throw new DomainError('milestone.not_found', 'no such milestone in this project');
    const now = deps.clock();
    const dueAt = endOfShanghaiDay(input.dueOn);
    if (input.dueOn < locked.row.start_date) throw new DomainError('validation.invalid', `due before the project starts (${locked.row.start_date})`, { field: 'dueOn' });
    if (input.dueOn > locked.row.planned_completion) throw new DomainError('validation.invalid', `due after the planned completion (${locked.row.planned_completion})`, { field: 'dueOn' });
    const next = decideMilestoneOrThrow(m, { type: 'replan', actor, at: now.toISOString(), dueAt: dueAt.toISOString() }, 'dueOn');
    await writeMilestone(trx, m, next, now);
    await trx.updateTable('project_milestones').set({ due_on: input.dueOn, track: 'on_time' }).where('id', '=', m.id).execute();
    const row = await recordProjectEvent(trx, {
      row: locked.row,
      actor,
      type: 'milestone.replan',
      payload: { milestoneId: m.id, from: m.due_on, to: input.dueOn, reason: input.reason },
      now,
      milestoneId: m.id,
    });
    const advanced = (await advanceProjectMilestones(trx, row, now)).row;
    return { row: advanced, timers: await syncProjectClocks(trx, advanced, now, { calendar: deps.calendar }) };
  });
  await setTimers(deps, timers);
  return row;
}
