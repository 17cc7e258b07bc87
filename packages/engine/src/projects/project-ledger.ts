import { sql, type Selectable, type Updateable } from 'kysely';
import { DomainError, type Actor } from '@huiyin/domain';
import {
  decideMilestone,
  decideProject,
  mayActOnProject,
  projectAccepts,
  persistMilestone,
  persistProject,
  restoreMilestone,
  restoreProject,
  stateOf,
  type Decision,
  type MilestoneEvent,
  type MilestoneSnapshot,
  type PersistedMilestone,
  type PersistedProject,
  type ProjectEvent,
  type ProjectSnapshot,
} from '@huiyin/project-workflow';
import { type Tx, type ProjectMilestoneTable, type ProjectTable, appendProjectEvent, projectVisibleTo } from '@huiyin/store';

export type ProjectRow = Selectable<ProjectTable>;
export type MilestoneRow = Selectable<ProjectMilestoneTable>;

/** A project locked for a change, with its restored machine snapshot. */
export type LockedProject = { row: ProjectRow; snapshot: ProjectSnapshot };

const MESSAGES: Record<string, string> = {
  wrong_state: 'the project is not in a state that allows this',
  forbidden: 'this is not yours to do on this project',
};

export const projectNotFound = () => new DomainError('project.not_found', 'no such project');

/**
 * Locks the project and checks that the actor may see it and that the client's version is
 * current. An enterprise never learns a project exists (404); an official who may not see it is
 * told it is not theirs (403), as for issues.
 */
export async function lockProject(trx: Tx, actor: Actor, projectId: string, expectedVersion?: number): Promise<LockedProject> {
  const found = await trx
    .selectFrom('projects')
    .selectAll()
    .select((eb) => sql<boolean>`${projectVisibleTo(actor)(eb)}`.as('visible'))
    .where('id', '=', projectId)
    .forUpdate()
    .executeTakeFirst();
  if (!found || (!found.visible && actor.kind !== 'official')) throw projectNotFound();
  const { visible, ...row } = found;
  if (!visible) throw new DomainError('project.forbidden', MESSAGES['forbidden'] ?? '');
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new DomainError('project.stale_version', 'the project has changed since you read it', {
      field: 'expectedVersion',
      details: { currentVersion: row.version, currentState: row.state },
    });
  }
  return { row, snapshot: restoreProject(row.snapshot as PersistedProject) };
}

/**
 * Role and state, judged before the body's references and figures, so that a wrong state or a
 * wrong actor is told as such even when the body is also at fault.
 */
export function assertMayAct(locked: LockedProject, type: ProjectEvent['type'], actor: Actor): void {
  const details = { currentState: locked.row.state, currentVersion: locked.row.version };
  if (!projectAccepts(locked.snapshot, type)) throw new DomainError('project.wrong_state', MESSAGES['wrong_state'] ?? '', { details });
  if (!mayActOnProject(type, actor, locked.snapshot.context)) throw new DomainError('project.forbidden', MESSAGES['forbidden'] ?? '', { details });
}

function refuse<S>(decision: Decision<S>, details: Record<string, unknown>, field?: string): S {
  if (decision.ok) return decision.next;
  const message = MESSAGES[decision.refusal] ?? `condition not met: ${decision.code}`;
  throw new DomainError(decision.code, message, { details, ...(field && decision.refusal === 'unmet_condition' ? { field } : {}) });
}

/** Asks the project machine; a refusal becomes the DomainError the API maps (403, 409). */
export function decideProjectOrThrow(locked: LockedProject, event: ProjectEvent, field?: string): ProjectSnapshot {
  return refuse(decideProject(locked.snapshot, event), { currentState: locked.row.state, currentVersion: locked.row.version }, field);
}

export function decideMilestoneOrThrow(milestone: MilestoneRow, event: MilestoneEvent, field?: string): MilestoneSnapshot {
  const snapshot = restoreMilestone(milestone.snapshot as PersistedMilestone);
  return refuse(decideMilestone(snapshot, event), { milestoneId: milestone.id, currentState: milestone.state }, field);
}

/**
 * Writes one change to the project's ledger and bumps its version: every project or milestone
 * change is one event, so the version always counts the events.
 */
export async function recordProjectEvent(
  trx: Tx,
  params: { row: ProjectRow; actor: Actor; type: string; payload: Record<string, unknown>; now: Date; next?: ProjectSnapshot; milestoneId?: string; columns?: Updateable<ProjectTable> },
): Promise<ProjectRow> {
  const { row, actor, next, now } = params;
  const state = next ? stateOf(next) : row.state;
  return appendProjectEvent(trx, {
    projectId: row.id,
    version: row.version,
    milestoneId: params.milestoneId,
    columns: { ...params.columns, ...(next ? { state, snapshot: JSON.stringify(persistProject(next)), completed_at: next.context.completedAt } : {}) },
    event: { type: params.type, actor, payload: params.payload, stateAfter: state, at: now },
  });
}

/** Writes a milestone's new snapshot and the columns lists read. */
export async function writeMilestone(trx: Tx, milestone: MilestoneRow, next: MilestoneSnapshot, now: Date): Promise<MilestoneRow> {
  const c = next.context;
  return trx
    .updateTable('project_milestones')
    .set({
      state: stateOf(next) as MilestoneRow['state'],
      snapshot: JSON.stringify(persistMilestone(next)),
      version: milestone.version + 1,
      percent: c.percent,
      due_at: c.dueAt,
      done_at: c.doneAt,
      updated_at: now,
    })
    .where('id', '=', milestone.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
