import { DomainError, hasRole, type Actor, type OfficialActor } from '@huiyin/domain';
import { sql } from 'kysely';
import type { Db } from '../db.ts';
import { afterCursor, keysetPage, orderOf, pageKeyOf, type KeyPart } from '../issues/keyset.ts';
import { describeActor } from '../issues/execute-command.ts';
import { enqueueNotices } from '../issues/notices.ts';
import type { StoreDeps } from '../issues/ports.ts';

/** Unanswered first, then by reply time (none), issue time and id. */
const ORDER_KEY: KeyPart[] = [
  { expr: sql`(o.replied_at is not null)`, kind: 'bool' },
  { expr: sql`coalesce(o.replied_at, '-infinity'::timestamptz)`, kind: 'time' },
  { expr: sql`o.issued_at`, kind: 'time' },
  { expr: sql`o.id`, kind: 'uuid' },
];

/**
 * 督办单 the actor may see: supervision all, a unit its own, a leader those on their issues.
 * Unanswered first, then the oldest, one keyset page at a time. `clock` is null for an order
 * supervision issued by hand (`issuedBy` names who).
 */
export async function listSupervisionOrders(db: Db, actor: Actor, options: { open?: boolean | undefined; limit: number; cursor?: string | undefined; issueId?: string | undefined }) {
  if (actor.kind !== 'official') throw new DomainError('auth.forbidden', 'for officials only');
  const after = afterCursor(ORDER_KEY, options.cursor);
  let q = db
    .selectFrom('supervision_orders as o')
    .innerJoin('issues', 'issues.id', 'o.issue_id')
    .leftJoin('clocks', 'clocks.id', 'o.clock_id')
    .leftJoin('units', 'units.id', 'o.unit_id')
    .leftJoin('accounts as issuerAccount', 'issuerAccount.id', 'o.issued_by')
    .leftJoin('officials as issuer', 'issuer.id', 'issuerAccount.official_id')
    .select(['o.id', 'o.issue_id as issueId', 'issues.number', 'issues.title', 'clocks.kind as clock', 'o.unit_id as unitId', 'units.short_name as unitName', 'o.issued_at as issuedAt', 'o.due_at as dueAt', 'o.required_reply as requiredReply', 'o.replied_at as repliedAt', 'o.reply', 'issuer.name as issuedByName'])
    .select(pageKeyOf(ORDER_KEY).as('pageKey'));
  if (!hasRole(actor, 'supervisor', 'admin', 'dispatcher')) {
    q = q.where((eb) => eb.or([eb('o.unit_id', '=', actor.unitId ?? '00000000-0000-0000-0000-000000000000'), eb('issues.leader_id', '=', actor.leaderId ?? '00000000-0000-0000-0000-000000000000')]));
  }
  if (options.open) q = q.where('o.replied_at', 'is', null);
  if (options.issueId) q = q.where('o.issue_id', '=', options.issueId);
  if (after) q = q.where(after);
  return keysetPage(await q.orderBy(orderOf(ORDER_KEY)).limit(options.limit + 1).execute(), options.limit);
}

/** The unit's written reply to a 督办单: on the issue's ledger, and supervision hears of it. */
export async function replySupervisionOrder(deps: StoreDeps, params: { orderId: string; actor: OfficialActor; reply: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('supervision_orders').select(['issue_id']).where('id', '=', params.orderId).executeTakeFirst();
    if (!head) throw new DomainError('supervision_order.not_found', 'no such supervision order');
    const issue = await trx.selectFrom('issues').selectAll().where('id', '=', head.issue_id).forUpdate().executeTakeFirstOrThrow();
    const order = await trx.selectFrom('supervision_orders').selectAll().where('id', '=', params.orderId).forUpdate().executeTakeFirstOrThrow();
    if (!(hasRole(params.actor, 'unit_head') && params.actor.unitId === order.unit_id)) {
      throw new DomainError('auth.forbidden', "only the head of the order's unit replies to it");
    }
    if (order.replied_at) throw new DomainError('supervision_order.already_replied', 'this order has its reply', { details: { repliedAt: order.replied_at } });
    const now = deps.now();
    await trx.updateTable('supervision_orders').set({ replied_at: now, reply: params.reply }).where('id', '=', order.id).execute();
    const version = issue.version + 1;
    await trx.updateTable('issues').set({ version, updated_at: now }).where('id', '=', issue.id).execute();
    await trx
      .insertInto('issue_events')
      .values({
        issue_id: issue.id,
        seq: version,
        type: 'supervisionReply',
        actor: JSON.stringify(describeActor(params.actor)),
        actor_account_id: params.actor.accountId,
        payload: JSON.stringify({ orderId: order.id, reply: params.reply, onTime: now <= order.due_at }),
        state_after: issue.state,
        visible_to_enterprise: false,
        at: now,
      })
      .execute();
    await enqueueNotices(trx, issue.id, [{ audience: [{ role: 'supervisor' }], subject: `【督办回复】${issue.number}「${issue.title}」`, text: params.reply, dedupeKey: `order-reply-${order.id}` }]);
    return { id: order.id, repliedAt: now, onTime: now <= order.due_at };
  });
}
