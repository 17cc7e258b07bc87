import { sql } from 'kysely';
import type { Actor } from '@huiyin/domain';
import { visibleTo, type Db } from '@huiyin/store';
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
  /** Its running claim or handling clock is past its due time (as on the supervision board). */
  overdue: boolean;
};
export type OpenGroup = { id: string | null; name: string; open: number; overdue: number; red: number; yellow: number };
export type OpenList = {
  groupBy: 'leader' | 'unit';
  asOf: Date;
  groups: OpenGroup[];
  items: Array<OpenItem & { groupId: string | null; groupName: string }>;
  total: number;
  limit: number;
  offset: number;
};

const NO_LEADER = '（未指定领导）';
const NO_UNIT = '（未分派单位）';
const RED_STEPS = ['red', 'leader', 'supervision'];

/**
 * 未办结事项清单: every issue not yet finished that the actor may see, grouped by leader or by
 * unit, with each group's open, overdue, red and yellow counts; items paged by offset in group
 * order (name), most pressing due time first, none last.
 *
 * Shaped for a million issues: the counts first (grouped on the open issues and their tracks, names joined to the
 * few groups after), then only the groups the page falls in, each read from its own index range
 * (T13's issues_open_by_leader / _by_unit, on the generated pressing_due_at) instead of sorting every open issue.
 */
export async function openList(db: Db, actor: Actor, options: { groupBy: 'leader' | 'unit'; now: Date; limit: number; offset: number }): Promise<OpenList> {
  const byLeader = options.groupBy === 'leader';
  const column = byLeader ? 'leader_id' : 'lead_unit_id';
  // Who sees every issue is counted from the open issues' narrow rows alone (T31, T32): a clock
  // step keeps `track` out of every index of issues so that it updates the issue in place, and at
  // a million issues joining the two for all 44 000 open ones cost more than the list may. Who
  // sees only some is counted from their issues (the visibility is on issues), tracks joined.
  const all = viewerOf(actor).all;
  const from = all ? 'o' : 'issues';
  const tally = [
    sql<string | null>`${sql.ref(`${from}.${column}`)}`.as('id'),
    sql<string>`count(*)`.as('open'),
    sql<string>`count(*) filter (where ${sql.ref(`${from}.pressing_due_at`)} < ${options.now})`.as('overdue'),
    sql<string>`count(*) filter (where o.track in (${sql.join(RED_STEPS)}))`.as('red'),
    sql<string>`count(*) filter (where o.track = 'yellow')`.as('yellow'),
  ];
  const counts = all
    ? db.selectFrom('open_issue_tracks as o').select(tally).groupBy(`o.${column}`)
    : db.selectFrom('issues').leftJoin('open_issue_tracks as o', 'o.issue_id', 'issues.id').select(tally).where('issues.closed_at', 'is', null).where(visibleTo(actor)).groupBy(`issues.${column}`);
  const cols = ['g.id', 'g.open', 'g.overdue', 'g.red', 'g.yellow'] as const;
  const groupRows = byLeader
    ? await db
        .selectFrom(counts.as('g'))
        .leftJoin('leaders', 'leaders.id', 'g.id')
        .select(cols)
        .select(sql<string>`coalesce(leaders.name, ${NO_LEADER})`.as('name'))
        .orderBy('name')
        .orderBy('g.id')
        .execute()
    : await db
        .selectFrom(counts.as('g'))
        .leftJoin('units', 'units.id', 'g.id')
        .select(cols)
        .select(sql<string>`coalesce(units.short_name, ${NO_UNIT})`.as('name'))
        .orderBy('name')
        .orderBy('g.id')
        .execute();
  const groups: OpenGroup[] = groupRows.map((g) => ({ id: g.id, name: g.name, open: Number(g.open), overdue: Number(g.overdue), red: Number(g.red), yellow: Number(g.yellow) }));

  // The slices of the groups that [offset, offset + limit) covers, read in parallel.
  const slices: Array<{ group: OpenGroup; offset: number; limit: number }> = [];
  let start = 0;
  const end = options.offset + options.limit;
  for (const group of groups) {
    const from = Math.max(options.offset, start);
    const to = Math.min(end, start + group.open);
    if (from < to) slices.push({ group, offset: from - start, limit: to - from });
    start += group.open;
    if (start >= end) break;
  }
  const pages = await Promise.all(
    slices.map(async ({ group, offset, limit }) => {
      // The page's ids first, from the index alone (an offset deep into a group skips index
      // entries, not rows with their names looked up); then their rows.
      const page = db
        .selectFrom('issues')
        .select(['issues.id', 'issues.pressing_due_at as pressing'])
        .where('issues.closed_at', 'is', null)
        .where(`issues.${column}`, group.id === null ? 'is' : '=', group.id)
        .where(visibleTo(actor))
        .orderBy('issues.pressing_due_at')
        .orderBy('issues.id')
        .limit(limit)
        .offset(offset);
      const rows = await db
        .selectFrom(page.as('p'))
        .innerJoin('issues', 'issues.id', 'p.id')
        .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
        .leftJoin('leaders', 'leaders.id', 'issues.leader_id')
        .leftJoin('units', 'units.id', 'issues.lead_unit_id')
        .select([
          'issues.id',
          'issues.number',
          'issues.title',
          'issues.state',
          'issues.status_note as statusNote',
          'issues.track',
          'issues.leader_id as leaderId',
          'leaders.name as leaderName',
          'issues.lead_unit_id as unitId',
          'units.short_name as unitName',
          'issues.claim_due_at as claimDueAt',
          'issues.handling_due_at as handlingDueAt',
          'issues.filed_at as filedAt',
          'enterprises.name as enterpriseName',
          sql<boolean>`coalesce(p.pressing < ${options.now}, false)`.as('overdue'),
        ])
        .orderBy(sql`p.pressing`)
        .orderBy('p.id')
        .execute();
      return rows.map((r) => ({ ...r, overdue: Boolean(r.overdue), groupId: group.id, groupName: group.name }));
    }),
  );
  return {
    groupBy: options.groupBy,
    asOf: options.now,
    groups,
    items: pages.flat(),
    total: groups.reduce((n, g) => n + g.open, 0),
    limit: options.limit,
    offset: options.offset,
  };
}
