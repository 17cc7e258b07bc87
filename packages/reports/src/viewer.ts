import { DomainError, hasRole, type Actor } from '@huiyin/domain';

/**
 * Whose rows a report shows an actor in full: supervision, dispatchers and admins everyone's; a
 * leader their own; a unit's head and handlers their unit's. Enterprises see no reports.
 */
export type Viewer = { all: boolean; unitIds: string[]; leaderIds: string[] };

export function viewerOf(actor: Actor): Viewer {
  if (actor.kind === 'system') return { all: true, unitIds: [], leaderIds: [] };
  if (actor.kind !== 'official') throw new DomainError('auth.forbidden', 'reports are for officials only');
  if (hasRole(actor, 'supervisor', 'admin', 'dispatcher')) return { all: true, unitIds: [], leaderIds: [] };
  const unitIds = actor.unitId && hasRole(actor, 'unit_head', 'handler') ? [actor.unitId] : [];
  const leaderIds = actor.leaderId && hasRole(actor, 'leader') ? [actor.leaderId] : [];
  return { all: false, unitIds, leaderIds };
}

export function seesUnit(v: Viewer, unitId: string | null): boolean {
  return v.all || (unitId !== null && v.unitIds.includes(unitId));
}

export function seesLeader(v: Viewer, leaderId: string | null): boolean {
  return v.all || (leaderId !== null && v.leaderIds.includes(leaderId));
}
