import { hasRole, isLeader, isUnitHeadOf, isUnitMember, type Actor } from '@huiyin/domain';
import type { ProjectContext, ProjectEventType } from './types.ts';

/** The service centre (营商办) and admins keep the register of key projects. */
const registrar = (a: Actor) => hasRole(a, 'dispatcher', 'admin');
const leader = (a: Actor, c: ProjectContext) => isLeader(a, c.leaderId);
const unit = (a: Actor, c: ProjectContext) => isUnitMember(a, c.unitId);

/**
 * Who may send each project event, by role and relation to the project (五个一: one leader, one
 * unit and its team). The API asks the same rule, so a refusal is a 403, not a silent no-op.
 */
const RULES: Record<ProjectEventType, (actor: Actor, context: ProjectContext) => boolean> = {
  update: registrar,
  planMilestones: (a, c) => registrar(a) || leader(a, c) || unit(a, c),
  start: (a, c) => registrar(a) || isUnitHeadOf(a, c.unitId),
  suspend: (a, c) => leader(a, c) || hasRole(a, 'supervisor', 'admin'),
  resume: (a, c) => leader(a, c) || hasRole(a, 'supervisor', 'admin'),
  complete: (a, c) => registrar(a) || isUnitHeadOf(a, c.unitId),
  // 每半月: the unit reports its own progress.
  fileReport: unit,
  // 即刻交办: whoever follows the project may hand a problem over.
  reportProblem: (a, c) => unit(a, c) || leader(a, c) || hasRole(a, 'dispatcher', 'supervisor', 'admin'),
};

export function mayActOnProject(type: ProjectEventType, actor: Actor, context: ProjectContext): boolean {
  return RULES[type](actor, context);
}
