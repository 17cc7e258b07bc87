import { randomUUID } from 'node:crypto';
import { DomainError, hasRole, type Actor } from '@huiyin/domain';
import { persistProject, startProject, stateOf } from '@huiyin/project-workflow';
import type { EngineDeps } from '../deps.ts';
import type { CreateProjectInput } from './project-inputs.ts';
import { recordProjectEvent, type ProjectRow } from './project-ledger.ts';
import { assertProjectFigures, assertProjectReferences } from './project-references.ts';

/**
 * Registers a key project with its four elements (leader, unit and team, time limit; the
 * milestone plan follows): the service centre or an admin only. One transaction: the row, its
 * team and the first ledger event.
 */
export async function createProject(deps: EngineDeps, params: { actor: Actor; input: CreateProjectInput }): Promise<ProjectRow> {
  const { actor, input } = params;
  if (!hasRole(actor, 'dispatcher', 'admin')) throw new DomainError('auth.forbidden', 'key projects are registered by the service centre or an admin');
  assertProjectFigures(input);
  await assertProjectReferences(deps.db, input);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const snapshot = startProject({ projectId: id, leaderId: input.leaderId, unitId: input.unitId, startDate: input.startDate, plannedCompletion: input.plannedCompletion });
    const row = await trx
      .insertInto('projects')
      .values({
        id,
        name: input.name,
        type_code: input.type,
        enterprise_id: input.enterpriseId ?? null,
        total_investment: input.totalInvestment,
        plan_year: input.planYear,
        planned_investment_year: input.plannedInvestmentYear,
        leader_id: input.leaderId,
        unit_id: input.unitId,
        start_date: input.startDate,
        planned_completion: input.plannedCompletion,
        state: stateOf(snapshot),
        snapshot: JSON.stringify(persistProject(snapshot)),
        // recordProjectEvent makes it 1 with the first event.
        version: 0,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const team = [...new Set(input.teamOfficialIds)];
    if (team.length)
      await trx
        .insertInto('project_members')
        .values(team.map((official_id) => ({ project_id: id, official_id })))
        .execute();
    return recordProjectEvent(trx, { row, actor, type: 'create', payload: { ...input, teamOfficialIds: team }, now });
  });
}
