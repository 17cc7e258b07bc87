import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { hasRole, type Actor } from '@huiyin/domain';
import type { Database } from './schema.ts';

type Eb = ExpressionBuilder<Database, 'issues'>;

/**
 * Which issues an actor may read, as a SQL condition on `issues`. Enforced on every read and
 * write: an enterprise sees its own, a unit those it leads, assists or returned, a leader those
 * of their enterprises or led by them; dispatchers, supervision and admins see all.
 */
export function visibleTo(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    if (actor.kind === 'enterprise') return eb('issues.enterprise_id', '=', actor.enterpriseId);
    if (hasRole(actor, 'dispatcher', 'supervisor', 'admin')) return sql<boolean>`true`;
    const ors: Expression<SqlBool>[] = [eb('issues.first_responder_id', '=', actor.officialId)];
    if (actor.leaderId && actor.roles.includes('leader')) {
      ors.push(eb('issues.leader_id', '=', actor.leaderId));
      ors.push(eb('issues.enterprise_id', 'in', eb.selectFrom('assignments').select('enterprise_id').where('leader_id', '=', actor.leaderId)));
    }
    if (actor.unitId && (actor.roles.includes('handler') || actor.roles.includes('unit_head'))) {
      const unitId = actor.unitId;
      ors.push(eb('issues.lead_unit_id', '=', unitId));
      ors.push(eb.exists(eb.selectFrom('issue_assists').whereRef('issue_assists.issue_id', '=', 'issues.id').where('issue_assists.unit_id', '=', unitId).select(sql`1`.as('x'))));
      ors.push(eb.exists(eb.selectFrom('issue_returns').whereRef('issue_returns.issue_id', '=', 'issues.id').where('issue_returns.unit_id', '=', unitId).select(sql`1`.as('x'))));
    }
    return eb.or(ors);
  };
}
