import { sql } from 'kysely';
import type { Actor } from '@huiyin/domain';
import { openIssueVisibleTo, type Db } from '@huiyin/store';
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
export async function openList(db: Db, actor: Actor, options: Options): Promise<OpenList> {
  const byLeader = options.groupBy === 'leader';
  const column = byLeader ? 'leader_id' : 'lead_unit_id';
  // Who sees every issue is counted from the open issues' narrow rows alone (T31, T32): a clock
  // step keeps `track` out of every index of issues so that it updates the issue in place, and at
  // a million issues joining the two for all 44 000 open ones cost more than the list may. Who
  // sees only some has a list of their own (`openListOfSome`).
  if (!viewerOf(actor).all) return openListOfSome(db, actor, options);
  const counts = db
    .selectFrom('open_issue_tracks as o')
    .select([
      sql<string | null>`${sql.ref(`o.${column}`)}`.as('id'),
      sql<string>`count(*)`.as('open'),
      sql<string>`count(*) filter (where o.pressing_due_at < ${options.now})`.as('overdue'),
      sql<string>`count(*) filter (where o.track in (${sql.join(RED_STEPS)}))`.as('red'),
      sql<string>`count(*) filter (where o.track = 'yellow')`.as('yellow'),
    ])
    .groupBy(`o.${column}`);
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
  const pages = await Promise.all(
    slicesOf(groups, options).map(({ group, offset, limit }) =>
      // The page's ids first, from the index alone (an offset deep into a group skips index
      // entries, not rows with their names looked up); then their rows.
      itemsOf(
        db,
        pageOf(db)
          .where('issues.closed_at', 'is', null)
          .where(`issues.${column}`, group.id === null ? 'is' : '=', group.id)
          .orderBy('issues.pressing_due_at')
          .orderBy('issues.id')
          .limit(limit)
          .offset(offset),
        group,
        options.now,
      ),
    ),
  );
  return listOf(groups, pages.flat(), options);
}

type Options = { groupBy: 'leader' | 'unit'; now: Date; limit: number; offset: number };
type Item = OpenList['items'][number];

/**
 * The open list of a reader who sees only some issues (a unit's, a leader's: a few thousand at
 * most): the open issues' narrow rows they see (the visibility rule applied to
 * `open_issue_tracks`, which copies its columns: T33), counted and ordered here; then the
 * page's rows. Read per group on `issues`, as the supervisor's list is, the rule read every
 * open issue's row once for each group the page falls in.
 */
async function openListOfSome(db: Db, actor: Actor, options: Options): Promise<OpenList> {
  const byLeader = options.groupBy === 'leader';
  const seen = await db
    .selectFrom('open_issue_tracks as o')
    .select(['o.issue_id as id', 'o.track', 'o.pressing_due_at as pressing', byLeader ? 'o.leader_id as g' : 'o.lead_unit_id as g'])
    .where(openIssueVisibleTo(actor, 'o'))
    .execute();
  const byGroup = new Map<string | null, typeof seen>();
  for (const r of seen) {
    const rows = byGroup.get(r.g);
    if (rows) rows.push(r);
    else byGroup.set(r.g, [r]);
  }
  // Names, and their order, as the database sorts them (the supervisor's list sorts in SQL too).
  const ids = [...byGroup.keys()];
  const named = await sql<{ id: string | null; name: string }>`
    select x.id, coalesce(${byLeader ? sql`l.name` : sql`u.short_name`}, ${byLeader ? NO_LEADER : NO_UNIT}) as name
    from unnest(${ids}::uuid[]) x(id) ${byLeader ? sql`left join leaders l on l.id = x.id` : sql`left join units u on u.id = x.id`}
    order by name, x.id`.execute(db);
  const now = options.now.getTime();
  const groups: OpenGroup[] = named.rows.map(({ id, name }) => {
    const rows = byGroup.get(id) ?? [];
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    return {
      id,
      name,
      open: rows.length,
      overdue: count((r) => r.pressing !== null && r.pressing.getTime() < now),
      red: count((r) => RED_STEPS.includes(r.track)),
      yellow: count((r) => r.track === 'yellow'),
    };
  });
  // Most pressing first, none last, then by id: the order of the supervisor's index ranges.
  const due = (r: (typeof seen)[number]) => r.pressing?.getTime() ?? Number.POSITIVE_INFINITY;
  const pages = await Promise.all(
    slicesOf(groups, options).map(({ group, offset, limit }) => {
      const page = (byGroup.get(group.id) ?? [])
        .sort((a, b) => due(a) - due(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(offset, offset + limit)
        .map((r) => r.id);
      // Still open: one closed since the first read is left out of the page rather than shown.
      return itemsOf(db, pageOf(db).where('issues.id', 'in', page).where('issues.closed_at', 'is', null), group, options.now);
    }),
  );
  return listOf(groups, pages.flat(), options);
}

/** The slices of the groups that [offset, offset + limit) covers. */
function slicesOf(groups: readonly OpenGroup[], options: Options): Array<{ group: OpenGroup; offset: number; limit: number }> {
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
  return slices;
}

/** A page's issues: their ids and pressing due time, to be narrowed to the page. */
function pageOf(db: Db) {
  return db.selectFrom('issues').select(['issues.id', 'issues.pressing_due_at as pressing']);
}

/** The rows of a page's issues, in due order, with their names. */
async function itemsOf(db: Db, page: ReturnType<typeof pageOf>, group: OpenGroup, now: Date): Promise<Item[]> {
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
      sql<boolean>`coalesce(p.pressing < ${now}, false)`.as('overdue'),
    ])
    .orderBy(sql`p.pressing`)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, overdue: Boolean(r.overdue), groupId: group.id, groupName: group.name }));
}

function listOf(groups: OpenGroup[], items: Item[], options: Options): OpenList {
  return { groupBy: options.groupBy, asOf: options.now, groups, items, total: groups.reduce((n, g) => n + g.open, 0), limit: options.limit, offset: options.offset };
}
