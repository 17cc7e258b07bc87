import { endOfShanghaiDay } from '@huiyin/calendar';
import { DomainError, type Actor } from '@huiyin/domain';
import { persistMilestone, startMilestone, stateOf } from '@huiyin/project-workflow';
import { syncProjectClocks } from '../clocks/sync-project-clocks.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import { advanceProjectMilestones } from './advance-milestones.ts';
import type { PlanMilestonesInput } from './project-inputs.ts';
import { assertMayAct, decideProjectOrThrow, lockProject, recordProjectEvent, type ProjectRow } from './project-ledger.ts';

/**
 * Adds milestones (节点) to a project's plan: its leader, its unit or the service centre. Each
 * is due by the end of its day (Shanghai) and no later than the planned completion (400 naming
 * `milestones.N.dueOn`). A milestone whose day is near or past starts due soon or late; each
 * milestone's clock starts.
 */
export async function planMilestones(deps: EngineDeps, params: { projectId: string; actor: Actor; input: PlanMilestonesInput }): Promise<ProjectRow> {
  const { actor, input } = params;
  const { row, timers } = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockProject(trx, actor, params.projectId, input.expectedVersion);
    assertMayAct(locked, 'planMilestones', actor);
    const { plannedCompletion, startDate } = locked.snapshot.context;
    input.milestones.forEach((m, i) => {
      if (m.dueOn > plannedCompletion) throw new DomainError('validation.invalid', `due after the planned completion (${plannedCompletion})`, { field: `milestones.${i}.dueOn` });
      if (m.dueOn < startDate) throw new DomainError('validation.invalid', `due before the project starts (${startDate})`, { field: `milestones.${i}.dueOn` });
    });
    const now = deps.clock();
    const next = decideProjectOrThrow(locked, { type: 'planMilestones', actor, at: now.toISOString(), dueOns: input.milestones.map((m) => m.dueOn) }, 'milestones');
    const last = await trx
      .selectFrom('project_milestones')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('project_id', '=', locked.row.id)
      .executeTakeFirst();
    const first = (last?.seq ?? 0) + 1;
    const rows = input.milestones.map((m, i) => {
      const id = crypto.randomUUID();
      const dueAt = endOfShanghaiDay(m.dueOn);
      const snapshot = startMilestone({ milestoneId: id, projectId: locked.row.id, leaderId: locked.row.leader_id, unitId: locked.row.unit_id, dueAt: dueAt.toISOString() });
      return {
        id,
        project_id: locked.row.id,
        seq: first + i,
        name: m.name,
        due_on: m.dueOn,
        due_at: dueAt,
        state: stateOf(snapshot) as 'planned',
        snapshot: JSON.stringify(persistMilestone(snapshot)),
        version: 1,
        created_at: now,
        updated_at: now,
      };
    });
    await trx.insertInto('project_milestones').values(rows).execute();
    const row = await recordProjectEvent(trx, {
      row: locked.row,
      actor,
      type: 'planMilestones',
      payload: { milestones: rows.map((r) => ({ id: r.id, seq: r.seq, name: r.name, dueOn: r.due_on })) },
      now,
      next,
    });
    const advanced = (await advanceProjectMilestones(trx, row, now)).row;
    return { row: advanced, timers: await syncProjectClocks(trx, advanced, now, { calendar: deps.calendar }) };
  });
  await setTimers(deps, timers);
  return row;
}
