import { hasRole, isLeader, isUnitMember, type Actor } from '@huiyin/domain';
import type { MilestoneContext, MilestoneEventType } from './types.ts';

const system = (a: Actor) => a.kind === 'system';
const unit = (a: Actor, c: MilestoneContext) => isUnitMember(a, c.unitId);

/** Who may send each milestone event: the unit reports, the leader replans, the engine keeps time. */
const RULES: Record<MilestoneEventType, (actor: Actor, context: MilestoneContext) => boolean> = {
  reportProgress: unit,
  complete: unit,
  dueSoon: system,
  overdue: system,
  replan: (a, c) => isLeader(a, c.leaderId) || hasRole(a, 'dispatcher', 'admin'),
  reassign: system,
};

export function mayActOnMilestone(type: MilestoneEventType, actor: Actor, context: MilestoneContext): boolean {
  return RULES[type](actor, context);
}
