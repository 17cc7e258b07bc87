import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Names } from '@huiyin/issue-workflow';
import type { Tx } from '@huiyin/store';

/** A unit's short name or a leader's name, as `nameRows` reads them. */
export type NameRow = { leader: boolean; id: string; name: string };

/** The statement reading the names of the units and leaders among these ids (uuid[] expressions). */
export function nameRows(units: Expression<unknown>, leaders: Expression<unknown>): RawBuilder<NameRow> {
  return sql<NameRow>`select false as leader, id, short_name as name from units where id = any(${units})
    union all select true, id, name from leaders where id = any(${leaders})`;
}

/** Rows of `nameRows`, by kind and id. */
export function knownNames(rows: readonly NameRow[]): KnownNames {
  return { unit: new Map(rows.filter((r) => !r.leader).map((r) => [r.id, r.name])), leader: new Map(rows.filter((r) => r.leader).map((r) => [r.id, r.name])) };
}

/**
 * Unit and leader names for the status note, read in the same transaction: one statement for both,
 * its text the same whatever the counts, so it stays one prepared statement. A command passes the
 * names its locking read brought (`known`): read only when it names a unit or leader they lack.
 * Each list is a scalar subquery, so the plan does not depend on its length and the generic plan
 * is kept (as `audienceQuery`'s); an array parameter had it planned again at every call.
 */
export async function loadNames(trx: Tx, unitIds: Array<string | null>, leaderIds: Array<string | null>, known?: KnownNames): Promise<Names> {
  const u = unitIds.filter((x): x is string => !!x);
  const l = leaderIds.filter((x): x is string => !!x);
  // Most commands keep the unit and leader their locking read already named.
  if (known && u.every((id) => known.unit.has(id)) && l.every((id) => known.leader.has(id))) return namesOf(known);
  const list = (ids: string[]) => sql`(select ${ids}::uuid[])::uuid[]`;
  const { rows } = u.length + l.length === 0 ? { rows: [] } : await nameRows(list(u), list(l)).execute(trx);
  return namesOf(knownNames(rows));
}

/** Names already read: units' short names and leaders' names by id. */
export type KnownNames = { unit: Map<string, string>; leader: Map<string, string> };

function namesOf({ unit, leader }: KnownNames): Names {
  return {
    unit: (id) => (id && unit.get(id)) || '责任单位',
    leader: (id) => (id && leader.get(id)) || '',
  };
}
