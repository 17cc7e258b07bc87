import { DomainError, type Actor } from '@huiyin/domain';
import { syncProjectClocks } from '../clocks/sync-project-clocks.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import type { UpdateProjectInput } from './project-inputs.ts';
import { assertMayAct, decideMilestoneOrThrow, decideProjectOrThrow, lockProject, recordProjectEvent, writeMilestone, type ProjectRow } from './project-ledger.ts';
import { assertProjectFigures, assertProjectReferences } from './project-references.ts';

/**
 * Changes a project's facts (service centre or admin). A new leader or unit takes the open
 * milestones with it; the planned completion may not move before a planned milestone.
 */
export async function updateProject(deps: EngineDeps, params: { projectId: string; actor: Actor; input: UpdateProjectInput }): Promise<ProjectRow> {
  const { actor, input } = params;
  const { updated, timers } = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockProject(trx, actor, params.projectId, input.expectedVersion);
    const { row } = locked;
    const merged = {
      totalInvestment: input.totalInvestment ?? row.total_investment,
      plannedInvestmentYear: input.plannedInvestmentYear ?? row.planned_investment_year,
      startDate: input.startDate ?? locked.snapshot.context.startDate,
      plannedCompletion: input.plannedCompletion ?? locked.snapshot.context.plannedCompletion,
      leaderId: input.leaderId ?? row.leader_id,
      unitId: input.unitId ?? row.unit_id,
    };
    const now = deps.clock();
    const event = { type: 'update' as const, actor, at: now.toISOString(), leaderId: merged.leaderId, unitId: merged.unitId, startDate: merged.startDate, plannedCompletion: merged.plannedCompletion };
    // Role and state first, so a refusal is not hidden behind a complaint about the body.
    assertMayAct(locked, 'update', actor);
    assertProjectFigures(merged);
    await assertProjectReferences(trx, { type: input.type, leaderId: input.leaderId, unitId: input.unitId, enterpriseId: input.enterpriseId, teamOfficialIds: input.teamOfficialIds });
    const last = await trx
      .selectFrom('project_milestones')
      .select((eb) => eb.fn.max('due_on').as('d'))
      .where('project_id', '=', row.id)
      .executeTakeFirst();
    if (last?.d && merged.plannedCompletion < last.d) {
      throw new DomainError('validation.invalid', `a milestone is due on ${last.d}, after this completion date`, { field: 'plannedCompletion' });
    }
    const next = decideProjectOrThrow(locked, event, 'plannedCompletion');
    if (merged.leaderId !== row.leader_id || merged.unitId !== row.unit_id) {
      const open = await trx.selectFrom('project_milestones').selectAll().where('project_id', '=', row.id).where('state', '<>', 'done').execute();
      for (const m of open) {
        const moved = decideMilestoneOrThrow(m, { type: 'reassign', actor: { kind: 'system' }, at: event.at, leaderId: merged.leaderId, unitId: merged.unitId });
        await writeMilestone(trx, m, moved, now);
      }
    }
    if (input.teamOfficialIds) {
      await trx.deleteFrom('project_members').where('project_id', '=', row.id).execute();
      const team = [...new Set(input.teamOfficialIds)];
      if (team.length)
        await trx
          .insertInto('project_members')
          .values(team.map((official_id) => ({ project_id: row.id, official_id })))
          .execute();
    }
    const { expectedVersion: _v, ...changes } = input;
    const updated = await recordProjectEvent(trx, {
      row,
      actor,
      type: 'update',
      payload: changes,
      now,
      next,
      columns: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.type !== undefined ? { type_code: input.type } : {}),
        ...(input.enterpriseId !== undefined ? { enterprise_id: input.enterpriseId } : {}),
        ...(input.planYear !== undefined ? { plan_year: input.planYear } : {}),
        total_investment: merged.totalInvestment,
        planned_investment_year: merged.plannedInvestmentYear,
        leader_id: merged.leaderId,
        unit_id: merged.unitId,
        start_date: merged.startDate,
        planned_completion: merged.plannedCompletion,
      },
    });
    // A later start day may start the first report period's clock later.
    return { updated, timers: await syncProjectClocks(trx, updated, now, { calendar: deps.calendar }) };
  });
  await setTimers(deps, timers);
  return updated;
}
