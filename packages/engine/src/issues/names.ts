import type { Names } from '@huiyin/issue-workflow';
import type { Tx } from '@huiyin/store';

/** Unit and leader names for the status note, read in the same transaction. */
export async function loadNames(trx: Tx, unitIds: Array<string | null>, leaderIds: Array<string | null>): Promise<Names> {
  const u = unitIds.filter((x): x is string => !!x);
  const l = leaderIds.filter((x): x is string => !!x);
  const units = u.length ? await trx.selectFrom('units').select(['id', 'short_name']).where('id', 'in', u).execute() : [];
  const leaders = l.length ? await trx.selectFrom('leaders').select(['id', 'name']).where('id', 'in', l).execute() : [];
  const unit = new Map(units.map((r) => [r.id, r.short_name]));
  const leader = new Map(leaders.map((r) => [r.id, r.name]));
  return {
    unit: (id) => (id && unit.get(id)) || '责任单位',
    leader: (id) => (id && leader.get(id)) || '',
  };
}
