import { sql, type AliasableExpression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { hasRole, type Actor } from '@huiyin/domain';
import type { Database } from './schema.ts';
import { visibleTo } from './visibility.ts';

/**
 * Whether an actor may see an enterprise's contacts' phone numbers and e-mails, as a SQL condition
 * on `enterprises`. Who: the enterprise itself; admins, supervisors and dispatchers (they route
 * and chase every issue and may need to call anyone); its 分包 leader, the head and handlers of
 * its 分包 unit; any official who may read one of its issues (the lead, an assisting or returning
 * unit, the first responder): the same roles `visibleTo` goes by. Everyone else sees the
 * contacts' names only.
 */
export function contactsVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'enterprises'>): AliasableExpression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    if (actor.kind === 'enterprise') return eb('enterprises.id', '=', actor.enterpriseId);
    if (hasRole(actor, 'dispatcher', 'supervisor', 'admin')) return sql<boolean>`true`;
    const leader = actor.roles.includes('leader') ? actor.leaderId : null;
    const unit = actor.roles.includes('handler') || actor.roles.includes('unit_head') ? actor.unitId : null;
    const assigned = eb
      .selectFrom('assignments')
      .whereRef('assignments.enterprise_id', '=', 'enterprises.id')
      .where((a) => a.or([...(leader ? [a('assignments.leader_id', '=', leader)] : []), ...(unit ? [a('assignments.unit_id', '=', unit)] : []), a('assignments.unit_head_id', '=', actor.officialId)]))
      .select(sql`1`.as('x'));
    const working = eb
      .selectFrom('issues')
      .whereRef('issues.enterprise_id', '=', 'enterprises.id')
      .where((i) => visibleTo(actor)(i as unknown as ExpressionBuilder<Database, 'issues'>))
      .select(sql`1`.as('x'));
    return eb.or([eb.exists(assigned), eb.exists(working)]);
  };
}
