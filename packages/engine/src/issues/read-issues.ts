import { sql } from 'kysely';
import type { TimeLimit } from '@huiyin/calendar';
import type { IssueStage } from '@huiyin/contract';
import { DomainError, type Actor, type ResolvedAnswer, type Satisfaction, type TrackStep } from '@huiyin/domain';
import { greenChannelLimits } from '../clocks/policy.ts';
import { enterprisePayload } from '@huiyin/issue-workflow';
import { extensionBoundsOf } from './extension-bounds.ts';
import { type Db, afterCursor, keysetPage, orderOf, pageKeyOf, type KeyPart, visibleTo, rowLimit } from '@huiyin/store';
import { ISSUE_SORT_KEYS, matchesFilter, type IssueListFilter, type IssueSort } from './issue-list-filter.ts';

/** An issue's list columns; `stage` and `track` are text the workflow fills from fixed sets (a track is never `due` or `resume`). */
function summaryQuery(db: Db) {
  return db
    .selectFrom('issues')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .innerJoin('categories', 'categories.id', 'issues.category_id')
    .leftJoin('units', 'units.id', 'issues.lead_unit_id')
    .leftJoin('leaders', 'leaders.id', 'issues.leader_id')
    .select([
      'issues.id',
      'issues.number',
      'issues.title',
      'issues.state',
      'issues.stage',
      'issues.status_note as statusNote',
      'issues.version',
      'issues.track',
      'issues.green_channel as greenChannel',
      'issues.filed_at as filedAt',
      'issues.expected_due_at as expectedDueAt',
      'issues.listing_due_at as listingDueAt',
      // The due time of its most pressing running clock: what every list counts down to.
      'issues.pressing_due_at as pressingDueAt',
      'issues.claim_due_at as claimDueAt',
      'issues.handling_due_at as handlingDueAt',
      'issues.rating_due_at as ratingDueAt',
      'issues.closed_at as closedAt',
      'issues.enterprise_id as enterpriseId',
      'enterprises.name as enterpriseName',
      'categories.name as categoryName',
      'issues.lead_unit_id as leadUnitId',
      'units.short_name as leadUnitName',
      'issues.leader_id as leaderId',
      'leaders.name as leaderName',
    ])
    .$narrowType<{ stage: IssueStage; track: TrackStep }>();
}

/** An event's actor as the ledger keeps it (`describeActor`). */
type LedgerActor = { kind: 'enterprise' | 'official' | 'system'; roles?: string[]; [key: string]: unknown };

export type ListIssuesQuery = IssueListFilter & {
  /** @defaultValue `filedAt` */
  sort?: IssueSort | undefined;
  /** @defaultValue `desc` */
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  cursor?: string | undefined;
};

/** The issues an actor may see, filtered and sorted (newest first unless asked), one keyset page at a time. */
export async function listIssues(db: Db, actor: Actor, q: ListIssuesQuery) {
  const key = ISSUE_SORT_KEYS[q.sort ?? 'filedAt'];
  const descending = (q.order ?? 'desc') === 'desc';
  const after = afterCursor(key, q.cursor, descending);
  const rows = await summaryQuery(db)
    .select(pageKeyOf(key).as('pageKey'))
    .where(visibleTo(actor))
    .where(matchesFilter(q))
    .$if(after !== null, (w) => w.where(after!))
    .orderBy(orderOf(key, descending))
    .limit(rowLimit(q.limit + 1))
    .execute();
  return keysetPage(rows, q.limit);
}

/** The overdue list's order: the most pressing clock missed longest ago first. */
const OVERDUE_KEY: KeyPart[] = [
  { expr: sql`issues.pressing_due_at`, kind: 'time' },
  { expr: sql`issues.id`, kind: 'uuid' },
];

/**
 * Open issues past the due time of their most pressing running clock (`pressing_due_at`: the
 * listing before dispatch, then the claim or the handling; none while paused), for supervision:
 * most overdue first, one keyset page at a time.
 */
export async function listOverdue(db: Db, actor: Actor, now: Date, page: IssueListFilter & { limit: number; cursor?: string | undefined }) {
  const after = afterCursor(OVERDUE_KEY, page.cursor);
  // The page's ids first, from issues alone (an index-only walk of issues_open_pressing for the
  // whole district), then the columns and names of those rows only. In one query the planner
  // joined every overdue issue's enterprise and unit before sorting them (10 000 at a million
  // issues: 81 ms p95), as it underestimates how many open issues are overdue.
  const ids = db
    .selectFrom('issues')
    .select('issues.id')
    .where(visibleTo(actor))
    .where(matchesFilter(page))
    .where('issues.closed_at', 'is', null)
    .where('issues.pressing_due_at', '<', now)
    .$if(after !== null, (q) => q.where(after!))
    .orderBy(orderOf(OVERDUE_KEY))
    .limit(rowLimit(page.limit + 1));
  const rows = await summaryQuery(db).select(pageKeyOf(OVERDUE_KEY).as('pageKey')).where('issues.id', 'in', ids).orderBy(orderOf(OVERDUE_KEY)).execute();
  return keysetPage(rows, page.limit);
}

/** The issues merged into this one (合并办理), so its handlers see every enterprise's words: read from their own index (T34). */
export function mergedInto(db: Db, actor: Actor, id: string) {
  return db.selectFrom('issues').select(['id', 'number', 'title']).where('duplicate_of', '=', id).where(visibleTo(actor)).orderBy('filed_at').execute();
}

/** One issue with its four elements, plan and answers, as the actor may see it; else 404. */
export async function getIssue(db: Db, actor: Actor, id: string) {
  const issue = await summaryQuery(db)
    .select(['issues.description', 'issues.channel', 'issues.duplicate_of as duplicateOf', 'issues.first_responder_id as firstResponderId', 'issues.project_id as projectId'])
    // The limit in force: the dispatcher's choice, else the category's (which follows its policy).
    .select(sql<TimeLimit>`coalesce(issues.time_limit, categories.handling_limit)`.as('timeLimit'))
    .select(sql<'dispatcher' | 'category' | 'green_channel'>`case when issues.time_limit is null then 'category' else 'dispatcher' end`.as('timeLimitSource'))
    .select('categories.green_channel as categoryGreen')
    // The head of its hash chain: the last event's seq and hash (docs/api.md#ledger-checkpoints).
    .select(
      sql<{ seq: number; hash: string } | null>`(select json_build_object('seq', e.seq, 'hash', e.hash) from issue_events e where e.issue_id = issues.id order by e.seq desc limit 1)`.as('chainHead'),
    )
    .where('issues.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!issue) throw new DomainError('issue.not_found', 'no such issue');
  // Flagged green in an ordinary category, it runs on the green channel's limit.
  if (issue.timeLimitSource === 'category' && issue.greenChannel && !issue.categoryGreen) {
    Object.assign(issue, { timeLimit: (await greenChannelLimits(db)).handling, timeLimitSource: 'green_channel' });
  }
  const enterprise = actor.kind === 'enterprise';
  const [extensionBounds, firstResponder, duplicates, assists, milestones, pendingDocuments, replies, ratings, attachments] = await Promise.all([
    // Officials see how far the unit may still extend; the enterprise hears of an approved extension only.
    enterprise ? undefined : extensionBoundsOf(db, id),
    // 首问责任: the official who recorded the problem answers for it until dispatch; the enterprise sees who.
    issue.firstResponderId ? db.selectFrom('officials').select(['id', 'name']).where('id', '=', issue.firstResponderId).executeTakeFirst() : undefined,
    mergedInto(db, actor, id),
    db
      .selectFrom('issue_assists')
      .innerJoin('units', 'units.id', 'issue_assists.unit_id')
      .select(['issue_assists.unit_id as unitId', 'units.short_name as unitName', 'issue_assists.due_at as dueAt', 'issue_assists.answered_at as answeredAt'])
      .$if(!enterprise, (q) => q.select('issue_assists.answer'))
      .where('issue_id', '=', id)
      .execute(),
    db.selectFrom('milestones').select(['id', 'seq', 'title', 'due_at as dueAt', 'done_at as doneAt', 'note']).where('issue_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('pending_documents').select(['id', 'name', 'due_at as dueAt', 'supplied_at as suppliedAt']).where('issue_id', '=', id).execute(),
    db
      .selectFrom('replies')
      .select(['id', 'kind', 'body', 'outcome', 'way_forward as wayForward', 'status', 'created_at as createdAt', 'sent_at as sentAt'])
      .where('issue_id', '=', id)
      // The enterprise sees what was sent to it, never drafts or internal notes.
      .$if(enterprise, (q) => q.where('status', '=', 'sent'))
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('ratings')
      .select(['round', 'resolved', 'satisfaction', 'comment', 'source', 'rated_at as ratedAt'])
      // The rating form's answers; null when the rating clock ran out.
      .$narrowType<{ resolved: ResolvedAnswer | null; satisfaction: Satisfaction | null }>()
      .where('issue_id', '=', id)
      .orderBy('round')
      .execute(),
    db.selectFrom('attachments').select(['id', 'filename', 'media_type as mediaType', 'size_bytes as sizeBytes', 'created_at as createdAt']).where('issue_id', '=', id).execute(),
  ]);
  const { categoryGreen: _g, ...shown } = issue;
  return { ...shown, ...(extensionBounds ? { extensionBounds } : {}), firstResponder: firstResponder ?? null, duplicates, assists, milestones, pendingDocuments, replies, ratings, attachments };
}

/** The ledger of one issue; the enterprise sees only the events meant for it, and of each only what is meant for it. */
export async function issueTimeline(db: Db, actor: Actor, id: string) {
  const visible = await db.selectFrom('issues').select('id').where('id', '=', id).where(visibleTo(actor)).executeTakeFirst();
  if (!visible) throw new DomainError('issue.not_found', 'no such issue');
  const events = await db
    .selectFrom('issue_events')
    .select(['seq', 'type', 'at', 'state_after as stateAfter', 'payload', 'actor', 'hash'])
    .$narrowType<{ payload: Record<string, unknown>; actor: LedgerActor | null }>()
    .where('issue_id', '=', id)
    .$if(actor.kind === 'enterprise', (q) => q.where('visible_to_enterprise', '=', true))
    .orderBy('seq')
    .execute();
  if (actor.kind !== 'enterprise') return events;
  // Each event shows the enterprise only the keys meant for it (`ENTERPRISE_VIEW`), and who acted
  // only by kind and role: officials' account, unit and leader ids stay internal.
  return events.flatMap((e) => {
    const payload = enterprisePayload(e.type, e.payload);
    const who = e.actor;
    const actor = who ? { kind: who.kind, ...(Array.isArray(who.roles) ? { roles: who.roles } : {}) } : null;
    return payload ? [{ ...e, payload, actor }] : [];
  });
}
