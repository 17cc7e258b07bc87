import type { TimeLimit } from '@huiyin/calendar';
import { DomainError, hasRole, type OfficialActor } from '@huiyin/domain';
import { shanghaiText } from '../issues/command-helpers.ts';
import { describeActor } from '../issues/execute-command.ts';
import { enqueueNotices } from '../issues/notices.ts';
import type { StoreDeps } from '../issues/ports.ts';

/** When the reply is due: a time limit from now on the working calendar, or a due time. */
export type OrderDeadline = { dueIn: TimeLimit } | { dueAt: Date };

/** Stages in which a claim or handling clock can be past due (as the overdue list). */
const HANDLING_STAGES = ['awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'reopened'];
const CLAIM_STAGES = ['awaitingClaim', 'reopened'];
const ESCALATED = ['red', 'leader', 'supervision'];

/**
 * Supervision issues a 督办单 by hand on an open issue that is overdue or escalated, without
 * waiting for a clock to reach its supervision step. In one transaction: the order (no clock,
 * `issued_by` the supervisor), the issue's next version and its `supervisionOrder` event, and the
 * notices to the lead unit's heads and the leader. One unanswered hand-issued order per issue.
 */
export async function issueSupervisionOrder(
  deps: StoreDeps,
  params: { issueId: string; actor: OfficialActor; requiredReply: string; deadline: OrderDeadline },
) {
  const { actor } = params;
  if (!hasRole(actor, 'supervisor')) throw new DomainError('auth.forbidden', 'only supervision issues a 督办单');
  const now = deps.now();
  const dueAt = 'dueAt' in params.deadline ? params.deadline.dueAt : deps.calendar.addLimit(now, params.deadline.dueIn);
  if (dueAt <= now) throw new DomainError('validation.invalid', 'the reply must be due after now', { field: 'dueAt' });
  return deps.db.transaction().execute(async (trx) => {
    // The issue's lock orders this against its commands, its track steps and a second order.
    const issue = await trx.selectFrom('issues').selectAll().where('id', '=', params.issueId).forUpdate().executeTakeFirst();
    if (!issue) throw new DomainError('issue.not_found', 'no such issue');
    if (issue.closed_at) throw new DomainError('issue.wrong_state', 'the issue is closed or withdrawn', { details: { state: issue.state } });
    const overdue =
      (CLAIM_STAGES.includes(issue.stage) && issue.claim_due_at !== null && issue.claim_due_at < now) ||
      (HANDLING_STAGES.includes(issue.stage) && issue.handling_due_at !== null && issue.handling_due_at < now && issue.state !== 'inProgress.waitingOnEnterprise');
    if (!overdue && !ESCALATED.includes(issue.track)) {
      throw new DomainError('issue.not_overdue', 'a 督办单 is for an overdue or escalated issue', { details: { track: issue.track } });
    }
    if (!issue.lead_unit_id) throw new DomainError('issue.wrong_state', 'the issue has no lead unit to answer a 督办单', { details: { state: issue.state } });
    const open = await trx.selectFrom('supervision_orders').select(['id', 'due_at']).where('issue_id', '=', issue.id).where('replied_at', 'is', null).executeTakeFirst();
    if (open) throw new DomainError('issue.supervision_order_open', 'the issue has an unanswered 督办单', { details: { orderId: open.id, dueAt: open.due_at } });
    const order = await trx
      .insertInto('supervision_orders')
      .values({ issue_id: issue.id, clock_id: null, issued_by: actor.accountId, unit_id: issue.lead_unit_id, issued_at: now, due_at: dueAt, required_reply: params.requiredReply })
      .returning(['id', 'issue_id as issueId', 'unit_id as unitId', 'issued_at as issuedAt', 'due_at as dueAt', 'required_reply as requiredReply'])
      .executeTakeFirstOrThrow();
    const version = issue.version + 1;
    await trx.updateTable('issues').set({ version, updated_at: now }).where('id', '=', issue.id).execute();
    await trx
      .insertInto('issue_events')
      .values({
        issue_id: issue.id,
        seq: version,
        type: 'supervisionOrder',
        actor: JSON.stringify(describeActor(actor)),
        actor_account_id: actor.accountId,
        payload: JSON.stringify({ orderId: order.id, unitId: order.unitId, requiredReply: order.requiredReply, dueAt, byHand: true }),
        state_after: issue.state,
        visible_to_enterprise: false,
        at: now,
      })
      .execute();
    const leader = issue.leader_id ? [{ leader: issue.leader_id }] : [];
    await enqueueNotices(trx, issue.id, [
      {
        audience: [{ unit: issue.lead_unit_id, heads: true }, ...leader],
        subject: `【督办单】${issue.number}「${issue.title}」`,
        text: `督查室下发督办单：${order.requiredReply}。请于 ${shanghaiText(dueAt)} 前书面回复办理情况。`,
        dedupeKey: `order-${order.id}`,
      },
    ]);
    return { ...order, version };
  });
}
