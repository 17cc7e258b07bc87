import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { hasRole, type Actor } from '@huiyin/domain';
import type { Database } from './schema.ts';

type Eb = ExpressionBuilder<Database, 'projects'>;

/**
 * Which projects an actor may read, as a SQL condition on `projects`: a unit (head or handler)
 * its own, a leader theirs, a team member those they work on; dispatchers, supervision and
 * admins all; an enterprise none.
 */
export function projectVisibleTo(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    if (actor.kind === 'enterprise') return sql<boolean>`false`;
    if (hasRole(actor, 'dispatcher', 'supervisor', 'admin')) return sql<boolean>`true`;
    const ors: Expression<SqlBool>[] = [
      eb.exists(eb.selectFrom('project_members').whereRef('project_members.project_id', '=', 'projects.id').where('project_members.official_id', '=', actor.officialId).select(sql`1`.as('x'))),
    ];
    if (actor.leaderId && actor.roles.includes('leader')) ors.push(eb('projects.leader_id', '=', actor.leaderId));
    if (actor.unitId && hasRole(actor, 'handler', 'unit_head')) ors.push(eb('projects.unit_id', '=', actor.unitId));
    return eb.or(ors);
  };
}
