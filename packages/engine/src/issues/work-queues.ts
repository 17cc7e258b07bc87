import { sql } from 'kysely';
import type { TimeLimit } from '@huiyin/calendar';
import { DEFAULT_MILESTONES_REQUIRED_FROM, hasRole, type OfficialActor, type TrackStep } from '@huiyin/domain';
import { type Db, afterCursor, keysetPage, literal, literals, orderOf, pageKeyOf, type KeyPart, rowLimit } from '@huiyin/store';
import { matchesFilter, type IssueListFilter } from './issue-list-filter.ts';

export type Task = {
  /** Null for a key project's 督办单 (`projectId`). */
  issueId: string | null;
  /** The issue's number; for a key project's 督办单 the words 重点项目 (the digest lists it so). */
  number: string;
  /** The issue's title, or the project's name. */
  title: string;
  enterpriseName: string;
  task: 'list' | 'ruleReturn' | 'claim' | 'handle' | 'assist' | 'review' | 'signOff' | 'extension' | 'escalated' | 'supervisionOrder' | 'firstResponse';
  dueAt: Date | null;
  state: string;
  version: number;
  /** The worst step of the issue's running clocks: on_time … supervision. */
  track: TrackStep;
  /** The key project a 督办单 belongs to (the task links to `/projects/<id>`); null for an issue's task. */
  projectId?: string | null;
};

// One select of the inbox's UNION ALL; the parts differ only in their joins.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPart = any;

const base = (db: Db) =>
  db
    .selectFrom('issues')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .select([
      'issues.id as issueId',
      'issues.number',
      'issues.title',
      'enterprises.name as enterpriseName',
      'issues.state',
      'issues.version',
      'issues.track',
      sql<string | null>`null::uuid`.as('projectId'),
    ]);

/** The inbox's order: soonest due first (none last), then by task and the row that makes it. */
const INBOX_KEY: KeyPart[] = [
  { expr: sql`coalesce(t."dueAt", 'infinity'::timestamptz)`, kind: 'time' },
  { expr: sql`t.task`, kind: 'text' },
  { expr: sql`t.ref`, kind: 'uuid' },
];

/**
 * An official's inbox: what waits on them now, by role, soonest due first, one keyset page at a
 * time. The role's lists are one UNION ALL, so a page is cut across them in the same order.
 */
export async function inboxPage(db: Db, actor: OfficialActor, page: { limit: number; cursor?: string | undefined }): Promise<{ items: Task[]; nextCursor: string | null }> {
  const after = afterCursor(INBOX_KEY, page.cursor);
  const parts: AnyPart[] = [];
  const run = (q: ReturnType<typeof base>, task: Task['task'], due: 'claim_due_at' | 'handling_due_at' | 'pressing_due_at' | 'updated_at') =>
    parts.push(q.select([sql.lit(task).as('task'), sql<Date | null>`issues.${sql.raw(due)}`.as('dueAt'), 'issues.id as ref']));
  if (actor.unitId && hasRole(actor, 'handler', 'unit_head')) {
    const u = actor.unitId;
    run(base(db).where('issues.lead_unit_id', '=', u).where('issues.stage', 'in', literals('awaitingClaim', 'reopened')), 'claim', 'claim_due_at');
    run(base(db).where('issues.lead_unit_id', '=', u).where('issues.stage', '=', literal('inProgress')), 'handle', 'handling_due_at');
    parts.push(
      base(db)
        .innerJoin('issue_assists', 'issue_assists.issue_id', 'issues.id')
        .where('issue_assists.unit_id', '=', u)
        .where('issue_assists.answered_at', 'is', null)
        .where('issues.closed_at', 'is', null)
        .select([sql.lit('assist').as('task'), sql<Date | null>`issue_assists.due_at`.as('dueAt'), 'issues.id as ref']),
    );
    if (actor.roles.includes('unit_head')) run(base(db).where('issues.lead_unit_id', '=', u).where('issues.stage', '=', literal('answerReview')), 'review', 'handling_due_at');
  }
  if (actor.leaderId && hasRole(actor, 'leader')) {
    const l = actor.leaderId;
    run(base(db).where('issues.leader_id', '=', l).where('issues.stage', '=', literal('answerSignOff')), 'signOff', 'handling_due_at');
    run(
      base(db).where('issues.leader_id', '=', l).where('issues.stage', '=', literal('returned')).where(sql<boolean>`(issues.snapshot->'context'->>'returnCount')::int >= 2`),
      'ruleReturn',
      'updated_at',
    );
    // Only while handling: a request left pending when the answer went in or the issue ended can no longer be decided.
    run(
      base(db).where('issues.leader_id', '=', l).where('issues.stage', '=', literal('inProgress')).where(sql<boolean>`(issues.snapshot->'context'->>'pendingExtension')::boolean`),
      'extension',
      'handling_due_at',
    );
    // Escalated to the leader (or beyond): the leader must act.
    run(base(db).where('issues.leader_id', '=', l).where('issues.closed_at', 'is', null).where('issues.track', 'in', ['leader', 'supervision']), 'escalated', 'pressing_due_at');
  }
  if (actor.unitId && hasRole(actor, 'unit_head')) {
    parts.push(
      base(db)
        .innerJoin('supervision_orders', 'supervision_orders.issue_id', 'issues.id')
        .where('supervision_orders.unit_id', '=', actor.unitId)
        .where('supervision_orders.replied_at', 'is', null)
        .select([sql.lit('supervisionOrder').as('task'), sql<Date | null>`supervision_orders.due_at`.as('dueAt'), 'supervision_orders.id as ref']),
    );
    // A key project's order (a milestone's or a report's clock reached supervision): the same
    // columns, the project standing in for the issue; its track is the clock's step.
    parts.push(
      db
        .selectFrom('supervision_orders')
        .innerJoin('projects', 'projects.id', 'supervision_orders.project_id')
        .leftJoin('enterprises', 'enterprises.id', 'projects.enterprise_id')
        .leftJoin('clocks', 'clocks.id', 'supervision_orders.clock_id')
        .where('supervision_orders.unit_id', '=', actor.unitId)
        .where('supervision_orders.replied_at', 'is', null)
        .select([
          sql<string | null>`null::uuid`.as('issueId'),
          sql<string>`'重点项目'::text`.as('number'),
          'projects.name as title',
          sql<string>`coalesce(enterprises.name, '—')`.as('enterpriseName'),
          'projects.state',
          'projects.version',
          sql<string>`coalesce(clocks.step::text, 'supervision')`.as('track'),
          'projects.id as projectId',
        ])
        .select([sql.lit('supervisionOrder').as('task'), sql<Date | null>`supervision_orders.due_at`.as('dueAt'), 'supervision_orders.id as ref']),
    );
  }
  // 首问责任: what an official recorded for an enterprise is theirs to follow until it is
  // dispatched (a dispatcher sees it in the listing queue already).
  if (!hasRole(actor, 'dispatcher')) {
    // (Not closed: implied by the stages, and said so that the index of open first responses serves it.)
    run(
      base(db).where('issues.first_responder_id', '=', actor.officialId).where('issues.stage', 'in', literals('submitted', 'listed')).where('issues.closed_at', 'is', null),
      'firstResponse',
      'pressing_due_at',
    );
  }
  if (hasRole(actor, 'dispatcher')) {
    // The listing has its own clock (docs/domain.md#clocks); issues filed before it have none.
    run(base(db).where('issues.stage', 'in', literals('submitted', 'listed')), 'list', 'pressing_due_at');
    run(base(db).where('issues.stage', '=', literal('returned')).where(sql<boolean>`(issues.snapshot->'context'->>'returnCount')::int < 2`), 'ruleReturn', 'updated_at');
  }
  // Each list cut to the page first (its own rows after the cursor, in the page's order), so a
  // list of thousands (a unit's 办理中) is read from its index up to the page's end, not sorted whole.
  const cut = parts.map((p: AnyPart) =>
    db
      .selectFrom(
        db
          .selectFrom(p.as('t'))
          .selectAll()
          .$if(after !== null, (q) => q.where(after!))
          .orderBy(orderOf(INBOX_KEY))
          .limit(rowLimit(page.limit + 1))
          .as('t'),
      )
      .selectAll(),
  );
  const [first, ...rest] = cut;
  if (!first) return { items: [], nextCursor: null };
  const all = rest.reduce((u: AnyPart, p: AnyPart) => u.unionAll(p), first);
  const rows = (await db
    .selectFrom(all.as('t'))
    .selectAll()
    .select(pageKeyOf(INBOX_KEY).as('pageKey'))
    .orderBy(orderOf(INBOX_KEY))
    .limit(rowLimit(page.limit + 1))
    .execute()) as Array<Task & { ref: string; pageKey: string }>;
  const { items, nextCursor } = keysetPage(rows, page.limit);
  return { items: items.map(({ ref: _, ...task }) => task), nextCursor };
}

/** The first `limit` tasks of an official's inbox (the daily digest's view). */
export async function inbox(db: Db, actor: OfficialActor, limit = 100): Promise<Task[]> {
  return (await inboxPage(db, actor, { limit })).items;
}

/**
 * The dispatcher's listing queue, each with the defaults its enterprise's assignment gives — or,
 * for a problem handed over from a key project, the project's leader and unit.
 */
export async function listingQueue(db: Db, page: IssueListFilter & { limit: number; cursor?: string | undefined }) {
  const after = afterCursor(LISTING_KEY, page.cursor);
  const rows = await db
    .selectFrom('issues')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .innerJoin('categories', 'categories.id', 'issues.category_id')
    .leftJoin('assignments', 'assignments.enterprise_id', 'issues.enterprise_id')
    .leftJoin('projects', 'projects.id', 'issues.project_id')
    .leftJoin('leaders', (j) => j.on(sql<boolean>`leaders.id = coalesce(projects.leader_id, assignments.leader_id)`))
    .leftJoin('units', (j) => j.on(sql<boolean>`units.id = coalesce(projects.unit_id, assignments.unit_id)`))
    .select([
      'issues.id',
      'issues.number',
      'issues.title',
      'issues.state',
      'issues.version',
      'issues.filed_at as filedAt',
      // The listing clock's due time and step: the queue shows how long each has waited and whether it is late.
      'issues.pressing_due_at as listingDueAt',
      'issues.track',
      'issues.green_channel as greenChannel',
      'enterprises.name as enterpriseName',
      'enterprises.is_key as isKey',
      'categories.name as categoryName',
      'categories.handling_limit as defaultTimeLimit',
      // From which limit the listing needs a milestone plan (四明确), for the dialog to say so.
      sql<TimeLimit>`coalesce(categories.milestones_required_from, ${JSON.stringify(DEFAULT_MILESTONES_REQUIRED_FROM)}::jsonb)`.as('milestonesRequiredFrom'),
      'leaders.id as defaultLeaderId',
      'leaders.name as defaultLeaderName',
      'units.id as defaultLeadUnitId',
      'units.short_name as defaultLeadUnitName',
      'issues.project_id as projectId',
      'projects.name as projectName',
    ])
    .$narrowType<{ track: TrackStep }>()
    .select(pageKeyOf(LISTING_KEY).as('pageKey'))
    .where('issues.stage', 'in', literals('submitted', 'listed'))
    // A leader or unit filter finds the issues that would go to them: the defaults the dialog offers.
    .where(matchesFilter(page, { leader: sql`leaders.id`, unit: sql`units.id` }))
    .$if(after !== null, (q) => q.where(after!))
    .orderBy(orderOf(LISTING_KEY))
    .limit(rowLimit(page.limit + 1))
    .execute();
  return keysetPage(rows, page.limit);
}

/** Green-channel issues first, then the longest waiting. */
const LISTING_KEY: KeyPart[] = [
  { expr: sql`not issues.green_channel`, kind: 'bool' },
  { expr: sql`issues.filed_at`, kind: 'time' },
  { expr: sql`issues.id`, kind: 'uuid' },
];
