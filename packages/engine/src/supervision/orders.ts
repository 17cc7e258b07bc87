import { DomainError, hasRole, type Actor, type OfficialActor } from '@huiyin/domain';
import { sql } from 'kysely';
import { type Db, type Tx, afterCursor, appendIssueEvents, keysetPage, orderOf, pageKeyOf, type KeyPart, rowLimit } from '@huiyin/store';
import { enqueueNoticeBatch } from '../notifications/enqueue-notice-batch.ts';
import { recordProjectEvent } from '../projects/project-ledger.ts';
import { appendIssueEvent } from '../issues/append-issue-event.ts';
import { coveredIssues, lockCovered } from './governance-tasks.ts';
import type { EngineDeps } from '../deps.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';

/** Unanswered first, then by reply time (none), issue time and id. */
const ORDER_KEY: KeyPart[] = [
  { expr: sql`(o.replied_at is not null)`, kind: 'bool' },
  { expr: sql`coalesce(o.replied_at, '-infinity'::timestamptz)`, kind: 'time' },
  { expr: sql`o.issued_at`, kind: 'time' },
  { expr: sql`o.id`, kind: 'uuid' },
];

/**
 * 督办单 the actor may see: supervision (and admins, dispatchers) all, a unit its own, a leader
 * those on their issues and their key projects. Unanswered first, then the oldest, one keyset
 * page at a time. An issue's order has `issueId`, `number` and the issue's `title`; a key
 * project's (issued by a milestone's or a progress report's clock) has `projectId`,
 * `projectName`, `issueId` and `number` null and the project's name as `title`. `clock` is null
 * for an order supervision issued by hand (`issuedBy` names who). A 主动治理 task (`kind`
 * `governance`) has neither issue nor project: its own title and `issueCount` issues. `replyOverdue`: no reply and
 * past `replyDueAt` (as of `now`), or a reply that came late; `escalatedAt`: when it escalated for it.
 */
export async function listSupervisionOrders(
  db: Db,
  actor: Actor,
  options: { open?: boolean | undefined; limit: number; cursor?: string | undefined; issueId?: string | undefined; projectId?: string | undefined },
  now: Date = new Date(),
) {
  if (actor.kind !== 'official') throw new DomainError('auth.forbidden', 'for officials only');
  const after = afterCursor(ORDER_KEY, options.cursor);
  const none = '00000000-0000-0000-0000-000000000000';
  let q = db
    .selectFrom('supervision_orders as o')
    .leftJoin('issues', 'issues.id', 'o.issue_id')
    .leftJoin('projects', 'projects.id', 'o.project_id')
    .leftJoin('clocks', 'clocks.id', 'o.clock_id')
    .leftJoin('units', 'units.id', 'o.unit_id')
    .leftJoin('accounts as issuerAccount', 'issuerAccount.id', 'o.issued_by')
    .leftJoin('officials as issuer', 'issuer.id', 'issuerAccount.official_id')
    .select(['o.id', sql<string | null>`o.issue_id`.as('issueId'), 'issues.number'])
    // Every order has exactly one owner (a check constraint), so one of the two names is there.
    .select(sql<string>`coalesce(issues.title, projects.name, o.title)`.as('title'))
    .select(['o.kind', sql<number | null>`case when o.kind = 'governance' then (select count(*)::int from supervision_order_issues c where c.order_id = o.id) end`.as('issueCount')])
    .select(['o.project_id as projectId', 'projects.name as projectName'])
    .select([
      'clocks.kind as clock',
      'o.unit_id as unitId',
      'units.short_name as unitName',
      'o.issued_at as issuedAt',
      'o.due_at as dueAt',
      // The reply clock (docs/domain.md#supervision-orders): due when, late or not, escalated when.
      'o.due_at as replyDueAt',
      sql<boolean>`case when o.replied_at is null then o.due_at < ${now} else o.replied_at > o.due_at end`.as('replyOverdue'),
      'o.escalated_at as escalatedAt',
      'o.required_reply as requiredReply',
      'o.replied_at as repliedAt',
      'o.reply',
      'issuer.name as issuedByName',
    ])
    .select(pageKeyOf(ORDER_KEY).as('pageKey'));
  if (!hasRole(actor, 'supervisor', 'admin', 'dispatcher')) {
    const leader = actor.leaderId ?? none;
    q = q.where((eb) => eb.or([eb('o.unit_id', '=', actor.unitId ?? none), eb('issues.leader_id', '=', leader), eb('projects.leader_id', '=', leader)]));
  }
  if (options.open !== undefined) q = q.where('o.replied_at', options.open ? 'is' : 'is not', null);
  if (options.issueId) q = q.where('o.issue_id', '=', options.issueId);
  if (options.projectId) q = q.where('o.project_id', '=', options.projectId);
  if (after) q = q.where(after);
  return keysetPage(
    await q
      .orderBy(orderOf(ORDER_KEY))
      .limit(rowLimit(options.limit + 1))
      .execute(),
    options.limit,
  );
}

/**
 * The unit's written reply to a 督办单: on the ledger of the issue or key project it belongs to,
 * and supervision hears of it. Only the head of the order's unit replies, once.
 */
export async function replySupervisionOrder(deps: EngineDeps, params: { orderId: string; actor: OfficialActor; reply: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('supervision_orders').select(['issue_id', 'project_id', 'kind']).where('id', '=', params.orderId).executeTakeFirst();
    if (!head) throw new DomainError('supervision_order.not_found', 'no such supervision order');
    if (head.project_id) return replyProjectOrder(trx, deps.clock, params, head.project_id);
    if (head.kind === 'governance') return replyGovernanceTask(trx, deps.clock, params);
    const issue = await trx.selectFrom('issues').selectAll().where('id', '=', head.issue_id).forUpdate().executeTakeFirstOrThrow();
    const order = await lockOpenOrder(trx, params);
    const now = deps.clock();
    await trx.updateTable('supervision_orders').set({ replied_at: now, reply: params.reply }).where('id', '=', order.id).execute();
    await appendIssueEvent(trx, issue, params.actor, 'supervisionReply', { orderId: order.id, reply: params.reply, onTime: now <= order.due_at }, now);
    await enqueueNotices(trx, issue.id, [{ audience: [{ role: 'supervisor' }], subject: `【督办回复】${issue.number}「${issue.title}」`, text: params.reply, dedupeKey: `order-reply-${order.id}` }]);
    return { id: order.id, repliedAt: now, onTime: now <= order.due_at };
  });
}

/** The order locked after its owner (the owner first, as every command locks), checked for the actor and for a reply already in. */
async function lockOpenOrder(trx: Tx, params: { orderId: string; actor: OfficialActor }) {
  const order = await trx.selectFrom('supervision_orders').selectAll().where('id', '=', params.orderId).forUpdate().executeTakeFirstOrThrow();
  if (!(hasRole(params.actor, 'unit_head') && params.actor.unitId === order.unit_id)) {
    throw new DomainError('auth.forbidden', "only the head of the order's unit replies to it");
  }
  if (order.replied_at) throw new DomainError('supervision_order.already_replied', 'this order has its reply', { details: { repliedAt: order.replied_at } });
  return order;
}

/**
 * A key project's order: the project is locked as its commands lock it, the reply is one
 * `supervisionReply` event on its ledger (so its version still counts its events), and
 * supervision's notice leads to the project.
 */
async function replyProjectOrder(trx: Tx, clock: () => Date, params: { orderId: string; actor: OfficialActor; reply: string }, projectId: string) {
  // The system's view: whether the head may reply is the order's unit, not the project's visibility.
  const project = await trx.selectFrom('projects').selectAll().where('id', '=', projectId).forUpdate().executeTakeFirstOrThrow();
  const order = await lockOpenOrder(trx, params);
  const now = clock();
  const onTime = now <= order.due_at;
  await trx.updateTable('supervision_orders').set({ replied_at: now, reply: params.reply }).where('id', '=', order.id).execute();
  await recordProjectEvent(trx, { row: project, actor: params.actor, type: 'supervisionReply', payload: { orderId: order.id, reply: params.reply, onTime }, now });
  await enqueueNoticeBatch(trx, [
    {
      issueId: null,
      notices: [{ audience: [{ role: 'supervisor' }], subject: `【督办回复】重点项目「${project.name}」`, text: params.reply, dedupeKey: `order-reply-${order.id}`, link: `/projects/${project.id}` }],
    },
  ]);
  return { id: order.id, repliedAt: now, onTime };
}

/**
 * A governance task's reply closes it: its covered issues locked first (in id order, as it was
 * made), a `supervisionReply` event on each of their ledgers, and supervision hears of it.
 */
async function replyGovernanceTask(trx: Tx, clock: () => Date, params: { orderId: string; actor: OfficialActor; reply: string }) {
  const issues = await lockCovered(trx, { kind: 'system' }, await coveredIssues(trx, params.orderId));
  const order = await lockOpenOrder(trx, params);
  const now = clock();
  const onTime = now <= order.due_at;
  await trx.updateTable('supervision_orders').set({ replied_at: now, reply: params.reply }).where('id', '=', order.id).execute();
  const payload = { orderId: order.id, reply: params.reply, onTime, governance: true };
  await appendIssueEvents(
    trx,
    issues.map((i) => ({ issueId: i.id, version: i.version, events: [{ type: 'supervisionReply', actor: params.actor, payload, stateAfter: i.state, at: now }] })),
    now,
  );
  await enqueueNoticeBatch(trx, [
    {
      issueId: null,
      notices: [{ audience: [{ role: 'supervisor' }], subject: `【督办回复·主动治理】${order.title ?? ''}`, text: params.reply, dedupeKey: `order-reply-${order.id}`, link: '/orders' }],
    },
  ]);
  return { id: order.id, repliedAt: now, onTime };
}
