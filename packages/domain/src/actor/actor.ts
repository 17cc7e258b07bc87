/** The roles an official may hold (docs/domain.md#roles). */
export const ROLES = ['handler', 'unit_head', 'leader', 'dispatcher', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: an enterprise's account, an official, or the engine itself (timers). */
export type Actor =
  | { kind: 'enterprise'; accountId: string; enterpriseId: string }
  | {
      kind: 'official';
      accountId: string;
      officialId: string;
      roles: readonly Role[];
      /** The unit the official works in; null for leaders and supervision outside units. */
      unitId: string | null;
      /** Set for officials holding the leader role: the leader they are. */
      leaderId: string | null;
    }
  | { kind: 'system' };

export type OfficialActor = Extract<Actor, { kind: 'official' }>;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.kind === 'official' && roles.some((r) => actor.roles.includes(r));
}

/** A handler or unit head of the given unit. */
export function isUnitMember(actor: Actor, unitId: string | null): boolean {
  return actor.kind === 'official' && unitId !== null && actor.unitId === unitId && hasRole(actor, 'handler', 'unit_head');
}

export function isUnitHeadOf(actor: Actor, unitId: string | null): boolean {
  return actor.kind === 'official' && unitId !== null && actor.unitId === unitId && hasRole(actor, 'unit_head');
}

export function isLeader(actor: Actor, leaderId: string | null): boolean {
  return actor.kind === 'official' && leaderId !== null && actor.leaderId === leaderId && hasRole(actor, 'leader');
}

/** An actor as the ledger records it: who, in which role and unit; never a session or a name. */
export function describeActor(actor: Actor): Record<string, unknown> {
  if (actor.kind === 'official') return { kind: 'official', officialId: actor.officialId, roles: actor.roles, unitId: actor.unitId };
  if (actor.kind === 'enterprise') return { kind: 'enterprise', enterpriseId: actor.enterpriseId, accountId: actor.accountId };
  return { kind: 'system' };
}
