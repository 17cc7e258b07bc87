import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { hasRole, type Actor } from '@huiyin/domain';
import type { Database } from './schema.ts';

type Eb = ExpressionBuilder<Database, 'issues'>;

/**
 * Which issues an actor may read, as a SQL condition on `issues`. Enforced on every read and
 * write: an enterprise sees its own, a unit those it leads, assists or returned, a leader those
 * of their enterprises or led by them, an official those they recorded (首问); dispatchers,
 * supervision and admins see all.
 */
export function visibleTo(actor: Actor) {
  return (_eb: Eb): Expression<SqlBool> => rule(actor, 'issues', 'id', 'index');
}

/**
 * The same rule on the open issues' narrow rows (`open_issue_tracks`, which copies the columns
 * it reads: T31–T33), under `alias`: a unit's or a leader's open list applies it there, to each
 * open issue, without reading an issue row.
 */
export function openIssueVisibleTo(actor: Actor, alias: string): Expression<SqlBool> {
  return rule(actor, alias, 'issue_id', 'scan');
}

/**
 * The rule on a table with the issue's enterprise, first responder, leader and lead unit. The
 * issues a unit assists or returned and a leader's enterprises are each read once per
 * statement, never per row as the EXISTS subqueries they were (a unit head's 未办结 list then
 * probed them for all 44 000 open issues of a million: bench/README.md). `index`: as arrays,
 * which an index of `issues` answers, so the planner can OR index ranges together; `scan`: as
 * hashed sets, for a read that tries every row (a condition `= any(array)` would search the
 * array for each row).
 */
function rule(actor: Actor, table: string, id: string, form: 'index' | 'scan'): Expression<SqlBool> {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const among = (c: string, ids: RawBuilder<unknown>) => (form === 'index' ? sql`${col(c)} = any(array(${ids}))` : sql`${col(c)} in (${ids})`);
  if (actor.kind === 'system') return sql<boolean>`true`;
  if (actor.kind === 'enterprise') return sql<boolean>`${col('enterprise_id')} = ${actor.enterpriseId}`;
  if (hasRole(actor, 'dispatcher', 'supervisor', 'admin')) return sql<boolean>`true`;
  const ors = [sql`${col('first_responder_id')} = ${actor.officialId}`];
  if (actor.leaderId && actor.roles.includes('leader')) {
    ors.push(sql`${col('leader_id')} = ${actor.leaderId}`);
    ors.push(among('enterprise_id', sql`select enterprise_id from assignments where leader_id = ${actor.leaderId}`));
  }
  if (actor.unitId && (actor.roles.includes('handler') || actor.roles.includes('unit_head'))) {
    ors.push(sql`${col('lead_unit_id')} = ${actor.unitId}`);
    ors.push(among(id, sql`select issue_id from issue_assists where unit_id = ${actor.unitId}`));
    ors.push(among(id, sql`select issue_id from issue_returns where unit_id = ${actor.unitId}`));
  }
  return sql<boolean>`(${sql.join(ors, sql` or `)})`;
}
