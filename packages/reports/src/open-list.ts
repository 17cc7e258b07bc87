import { sql, type ExpressionBuilder } from 'kysely';
import type { Actor } from '@huiyin/domain';
import { visibleTo, type Database, type Db } from '@huiyin/store';
import { viewerOf } from './viewer.ts';

export type OpenItem = {
  id: string;
  number: string;
  title: string;
  enterpriseName: string;
  state: string;
  statusNote: string;
  track: string;
  leaderId: string | null;
  leaderName: string | null;
  unitId: string | null;
  unitName: string | null;
  claimDueAt: Date | null;
  handlingDueAt: Date | null;
  filedAt: Date;
  /** A running claim, handling or assist clock is past its due time. */
  overdue: boolean;
};
export type OpenGroup = { id: string | null; name: string; open: number; overdue: number; red: number; yellow: number };
export type OpenList = { groupBy: 'leader' | 'unit'; asOf: Date; groups: OpenGroup[]; items: Array<OpenItem & { groupId: string | null; groupName: string }>; total: number; limit: number; offset: number };

const NO_LEADER = '（未指定领导）';
const NO_UNIT = '（未分派单位）';
const RED_STEPS = ['red', 'leader', 'supervision'];

/**
 * 未办结事项清单: every issue not yet finished that the actor may see, grouped by leader or by
 * unit, with each group's open, overdue, red and yellow counts; items paged by offset in group
 * order (name), most pressing due time first.
 */
export async function openList(db: Db, actor: Actor, options: { groupBy: 'leader' | 'unit'; now: Date; limit: number; offset: number }): Promise<OpenList> {
  viewerOf(actor);
  const byLeader = options.groupBy === 'leader';
  const now = options.now;
  const overdue = (eb: ExpressionBuilder<Database, 'issues'>) =>
    eb.exists(
      eb.selectFrom('clocks').select(sql`1`.as('x')).whereRef('clocks.issue_id', '=', 'issues.id').where('clocks.status', '=', 'running').where('clocks.kind', 'in', ['claim', 'handling', 'assist']).where('clocks.due_at', '<', now),
    );
  const base = db
    .selectFrom('issues')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .leftJoin('leaders', 'leaders.id', 'issues.leader_id')
    .leftJoin('units', 'units.id', 'issues.lead_unit_id')
    .where('issues.closed_at', 'is', null)
    .where(visibleTo(actor));
  const groupId = byLeader ? sql<string | null>`issues.leader_id` : sql<string | null>`issues.lead_unit_id`;
  // Literals, not parameters: the same expression must appear in the select and the group by.
  const groupName = byLeader ? sql<string>`coalesce(leaders.name, ${sql.lit(NO_LEADER)})` : sql<string>`coalesce(units.short_name, ${sql.lit(NO_UNIT)})`;
  const [rows, groups] = await Promise.all([
    base
      .select([
        'issues.id', 'issues.number', 'issues.title', 'enterprises.name as enterpriseName', 'issues.state', 'issues.status_note as statusNote', 'issues.track',
        'issues.leader_id as leaderId', 'leaders.name as leaderName', 'issues.lead_unit_id as unitId', 'units.short_name as unitName',
        'issues.claim_due_at as claimDueAt', 'issues.handling_due_at as handlingDueAt', 'issues.filed_at as filedAt',
        (eb) => overdue(eb).as('overdue'), groupId.as('groupId'), groupName.as('groupName'),
      ])
      .orderBy(groupName)
      .orderBy(groupId)
      // The most pressing running clock first; issues with none (listing, paused) after.
      .orderBy(sql`(select min(c.due_at) from clocks c where c.issue_id = issues.id and c.status = 'running' and c.kind in ('claim', 'handling', 'assist'))`, (ob) => ob.asc().nullsLast())
      .orderBy('issues.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base
      .select([
        groupId.as('id'),
        groupName.as('name'),
        (eb) => eb.fn.countAll<string>().as('open'),
        (eb) => sql<string>`count(*) filter (where ${overdue(eb)})`.as('overdue'),
        sql<string>`count(*) filter (where issues.track in (${sql.join(RED_STEPS)}))`.as('red'),
        sql<string>`count(*) filter (where issues.track = 'yellow')`.as('yellow'),
      ])
      .groupBy([groupId, groupName])
      .orderBy(groupName)
      .orderBy(groupId)
      .execute(),
  ]);
  return {
    groupBy: options.groupBy,
    asOf: now,
    groups: groups.map((g) => ({ id: g.id, name: g.name, open: Number(g.open), overdue: Number(g.overdue), red: Number(g.red), yellow: Number(g.yellow) })),
    items: rows.map((r) => ({ ...r, overdue: Boolean(r.overdue) })),
    total: groups.reduce((n, g) => n + Number(g.open), 0),
    limit: options.limit,
    offset: options.offset,
  };
}
