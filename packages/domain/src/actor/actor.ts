/** The roles an official may hold (DOMAIN.md). */
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

export function hasRole(actor: Actor, ...roles: Role[]): actor is OfficialActor {
  return actor.kind === 'official' && roles.some((r) => actor.roles.includes(r));
}

/** A handler or unit head of the given unit. */
export function isUnitMember(actor: Actor, unitId: string | null): actor is OfficialActor {
  return unitId !== null && hasRole(actor, 'handler', 'unit_head') && actor.unitId === unitId;
}

export function isUnitHeadOf(actor: Actor, unitId: string | null): actor is OfficialActor {
  return unitId !== null && hasRole(actor, 'unit_head') && actor.unitId === unitId;
}

export function isLeader(actor: Actor, leaderId: string | null): actor is OfficialActor {
  return leaderId !== null && hasRole(actor, 'leader') && actor.leaderId === leaderId;
}
