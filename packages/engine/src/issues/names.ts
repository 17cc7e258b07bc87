import { sql } from 'kysely';
import type { Names } from '@huiyin/issue-workflow';
import type { Tx } from '@huiyin/store';

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
  if (known && u.every((id) => known.unit.has(id)) && l.every((id) => known.leader.has(id))) return namesOf(known.unit, known.leader);
  const { rows } =
    u.length + l.length === 0
      ? { rows: [] }
      : await sql<{ leader: boolean; id: string; name: string }>`select false as leader, id, short_name as name from units where id = any((select ${u}::uuid[])::uuid[])
          union all select true, id, name from leaders where id = any((select ${l}::uuid[])::uuid[])`.execute(trx);
  return namesOf(new Map(rows.filter((r) => !r.leader).map((r) => [r.id, r.name])), new Map(rows.filter((r) => r.leader).map((r) => [r.id, r.name])));
}

/** Names already read: units' short names and leaders' names by id. */
export type KnownNames = { unit: Map<string, string>; leader: Map<string, string> };

function namesOf(unit: Map<string, string>, leader: Map<string, string>): Names {
  return {
    unit: (id) => (id && unit.get(id)) || '责任单位',
    leader: (id) => (id && leader.get(id)) || '',
  };
}
