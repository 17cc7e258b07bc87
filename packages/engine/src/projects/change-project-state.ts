import { DomainError, type Actor } from '@huiyin/domain';
import type { ProjectEvent } from '@huiyin/project-workflow';
import { syncProjectClocks } from '../clocks/sync-project-clocks.ts';
import { setTimers, type EngineDeps } from '../deps.ts';
import type { ProjectTransitionInput } from './project-inputs.ts';
import { assertMayAct, decideProjectOrThrow, lockProject, recordProjectEvent, type ProjectRow } from './project-ledger.ts';

export type ProjectTransition = 'start' | 'suspend' | 'resume' | 'complete';

/**
 * Moves a project along its lifecycle: start (unit head or service centre), suspend and resume
 * (its leader or supervision; a suspension gives its reason), complete (only with every
 * milestone done). The report clocks start, pause, resume and are cancelled with it.
 */
export async function changeProjectState(deps: EngineDeps, params: { projectId: string; actor: Actor; transition: ProjectTransition; input: ProjectTransitionInput }): Promise<ProjectRow> {
  const { actor, transition, input } = params;
  const { row, timers } = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockProject(trx, actor, params.projectId, input.expectedVersion);
    assertMayAct(locked, transition, actor);
    const now = deps.clock();
    const at = now.toISOString();
    let event: ProjectEvent;
    if (transition === 'suspend') {
      if (!input.reason) throw new DomainError('validation.required', 'say why the project stands still', { field: 'reason' });
      event = { type: 'suspend', actor, at, reason: input.reason };
    } else if (transition === 'complete') {
      const open = await trx.selectFrom('project_milestones').select('id').where('project_id', '=', locked.row.id).where('state', '<>', 'done').execute();
      event = { type: 'complete', actor, at, openMilestones: open.length };
    } else {
      event = { type: transition, actor, at };
    }
    const next = decideProjectOrThrow(locked, event);
    const row = await recordProjectEvent(trx, { row: locked.row, actor, type: transition, payload: input.reason ? { reason: input.reason } : {}, now, next });
    return { row, timers: await syncProjectClocks(trx, row, now, { calendar: deps.calendar }) };
  });
  await setTimers(deps, timers);
  return row;
}
