import { sql } from 'kysely';
import { DomainError, hasRole, type OfficialActor } from '@huiyin/domain';
import { type Db, afterCursor, keysetPage, orderOf, pageKeyOf, type KeyPart, rowLimit } from '@huiyin/store';

/** Key enterprises first, then by name. */
const ENTERPRISE_KEY: KeyPart[] = [
  { expr: sql`not e.is_key`, kind: 'bool' },
  { expr: sql`e.name`, kind: 'text' },
  { expr: sql`e.id`, kind: 'uuid' },
];

/**
 * A leader's enterprises (分包企业, from `assignments`) with their open, overdue and escalated issue
 * counts, one keyset page at a time. Supervision, dispatchers and admins read any leader's; a
 * leader only their own (another's is a 403); a unit's officials those the leader shares with their unit.
 */
export async function listLeaderEnterprises(db: Db, actor: OfficialActor, q: { leaderId: string; now: Date; limit: number; cursor?: string | undefined }) {
  const all = hasRole(actor, 'supervisor', 'dispatcher', 'admin');
  const own = actor.leaderId === q.leaderId && hasRole(actor, 'leader');
  const unitId = actor.unitId && hasRole(actor, 'handler', 'unit_head') ? actor.unitId : null;
  if (!all && !own && !unitId) throw new DomainError('auth.forbidden', "not yours to read: another leader's enterprises");
  const after = afterCursor(ENTERPRISE_KEY, q.cursor);
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['e.id', 'e.name', 'e.is_key as isKey', 'e.industry', 'a.unit_id as unitId', 'u.short_name as unitName'])
    .select(sql<number>`(select count(*)::int from issues i where i.enterprise_id = e.id and i.closed_at is null)`.as('openIssues'))
    .select(
      // Overdue: the running claim or handling clock's due time (the generated pressing_due_at) is past.
      sql<number>`(select count(*)::int from issues i where i.enterprise_id = e.id and i.closed_at is null and i.pressing_due_at < ${q.now})`.as('overdueIssues'),
    )
    .select(sql<number>`(select count(*)::int from issues i where i.enterprise_id = e.id and i.closed_at is null and i.track in ('leader', 'supervision'))`.as('escalatedIssues'))
    .select(pageKeyOf(ENTERPRISE_KEY).as('pageKey'))
    .where('a.leader_id', '=', q.leaderId)
    .$if(!all && !own, (b) => b.where('a.unit_id', '=', unitId!))
    .$if(after !== null, (b) => b.where(after!))
    .orderBy(orderOf(ENTERPRISE_KEY))
    .limit(rowLimit(q.limit + 1))
    .execute();
  return keysetPage(rows, q.limit);
}
