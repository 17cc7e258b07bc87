import type { Actor } from '@huiyin/domain';
import type { MilestoneEvent } from '@huiyin/project-workflow';
import type { Tx } from '@huiyin/store';
import type { EngineDeps } from '../deps.ts';
import { decideMilestoneOrThrow, recordProjectEvent, writeMilestone, type MilestoneRow, type ProjectRow } from './project-ledger.ts';
import { projectTracksOf } from '../clocks/policy.ts';

/**
 * How long before its due time a milestone counts as due soon by default: about half a reporting
 * period, so the report before the due day already shows it. A project type's milestone track
 * (`project_types.track_policy.reminderBeforeSeconds`, 7 days unless changed) is what applies.
 */
export const DUE_SOON_MS = 7 * 86_400_000;

const SYSTEM: Actor = { kind: 'system' };

/** The engine's event for a milestone at `now`, if its state is behind the clock. */
function timeEventFor(m: Pick<MilestoneRow, 'state' | 'due_at'>, now: Date, dueSoonMs = DUE_SOON_MS): MilestoneEvent['type'] | null {
  const due = new Date(m.due_at).getTime();
  if ((m.state === 'planned' || m.state === 'dueSoon') && now.getTime() >= due) return 'overdue';
  if (m.state === 'planned' && now.getTime() >= due - dueSoonMs) return 'dueSoon';
  return null;
}

/**
 * Brings a locked project's open milestones up to the clock at once, when a command plans,
 * replans or reports them: due soon (by its type's reminder offset), then late. Between
 * commands the milestone clocks send the same events at their reminder and red steps. Each
 * move is a ledger event of the project's (system actor). Returns the project row as it now stands.
 */
export async function advanceProjectMilestones(trx: Tx, row: ProjectRow, now: Date): Promise<{ row: ProjectRow; moved: number }> {
  const open = await trx.selectFrom('project_milestones').selectAll().where('project_id', '=', row.id).where('state', 'in', ['planned', 'dueSoon']).orderBy('seq').execute();
  const dueSoonMs = (await projectTracksOf(trx, row.type_code)).milestone.reminderBeforeSeconds * 1000;
  let current = row;
  let moved = 0;
  for (const m of open) {
    const type = timeEventFor(m, now, dueSoonMs);
    if (!type) continue;
    const next = decideMilestoneOrThrow(m, { type, actor: SYSTEM, at: now.toISOString() } as MilestoneEvent);
    await writeMilestone(trx, m, next, now);
    current = await recordProjectEvent(trx, { row: current, actor: SYSTEM, type: `milestone.${type}`, payload: { milestoneId: m.id, name: m.name, dueAt: m.due_at }, now, milestoneId: m.id });
    moved += 1;
  }
  return { row: current, moved };
}

/**
 * A sweep of every project with a milestone behind the clock, each in its own short transaction.
 * Redundant since milestone clocks send `dueSoon` and `overdue` at their steps (the worker runs
 * it no more); kept for catching up a database moved in time. Candidates by the default offset.
 */
export async function advanceMilestones(deps: EngineDeps): Promise<{ projects: number; moved: number }> {
  const now = deps.clock();
  const soon = new Date(now.getTime() + DUE_SOON_MS);
  const due = await deps.db
    .selectFrom('project_milestones')
    .select('project_id')
    .distinct()
    .where((eb) => eb.or([eb.and([eb('state', '=', 'planned'), eb('due_at', '<=', soon)]), eb.and([eb('state', '=', 'dueSoon'), eb('due_at', '<=', now)])]))
    .execute();
  let moved = 0;
  for (const { project_id } of due) {
    moved += await deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('projects').selectAll().where('id', '=', project_id).forUpdate().executeTakeFirstOrThrow();
      return (await advanceProjectMilestones(trx, row, now)).moved;
    });
  }
  return { projects: due.length, moved };
}
