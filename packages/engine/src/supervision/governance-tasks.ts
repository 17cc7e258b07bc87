import { shanghaiText } from '@huiyin/calendar';
import { DEFAULT_TRACK_POLICY, DomainError, hasRole, type Actor, type OfficialActor } from '@huiyin/domain';
import { appendIssueEvents, visibleTo, type Tx } from '@huiyin/store';
import type { EngineDeps } from '../deps.ts';
import { enqueueNoticeBatch } from '../notifications/enqueue-notice-batch.ts';

/**
 * 主动治理: a recurring problem (同类问题) made one task for one unit. It is a 督办单 of kind
 * `governance` covering many issues (`supervision_order_issues`), so it has the orders' reply due
 * time, reply and reply clock; only its owner is a set of issues, not one issue or project.
 */
export type GovernanceTaskInput = { issueIds: string[]; unitId: string; title: string; note: string; actor: OfficialActor };

/** The covered issues, locked in id order (as a link locks its pair), each as the actor may see it. */
export async function lockCovered(trx: Tx, actor: Actor, issueIds: readonly string[], skipLocked = false) {
  let q = trx.selectFrom('issues').select(['id', 'number', 'version', 'state']).where('id', 'in', issueIds).where(visibleTo(actor)).orderBy('id').forUpdate();
  if (skipLocked) q = q.skipLocked();
  return q.execute();
}

/** The issues a governance order covers. */
export async function coveredIssues(trx: Tx, orderId: string): Promise<string[]> {
  return (await trx.selectFrom('supervision_order_issues').select('issue_id').where('order_id', '=', orderId).execute()).map((r) => r.issue_id);
}

/**
 * A supervisor or dispatcher makes one governance task of a cluster's issues for a unit, in one
 * transaction: the order (reply due after the usual `supervisionOrderLimit`), its issues, a
 * `governanceTask` event on each issue's ledger, and the 督办单 notice to the unit's heads. An
 * issue is in at most one open task: a second for any of them is refused.
 */
export async function issueGovernanceTask(deps: EngineDeps, input: GovernanceTaskInput) {
  const { actor } = input;
  if (!hasRole(actor, 'supervisor', 'dispatcher')) throw new DomainError('auth.forbidden', 'only supervision or a dispatcher makes a governance task');
  const ids = [...new Set(input.issueIds)];
  const now = deps.clock();
  const dueAt = deps.calendar.addLimit(now, DEFAULT_TRACK_POLICY.supervisionOrderLimit);
  return deps.db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select(['id', 'short_name']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw new DomainError('reference.unknown', 'no such unit', { field: 'unitId' });
    const issues = await lockCovered(trx, actor, ids);
    const missing = ids.filter((id) => !issues.some((i) => i.id === id));
    if (missing.length) throw new DomainError('issue.not_found', 'no such issue, or not one you may see', { field: 'issueIds', details: { missing } });
    const open = await trx
      .selectFrom('supervision_order_issues as c')
      .innerJoin('supervision_orders as o', 'o.id', 'c.order_id')
      .select(['o.id', 'o.title', 'c.issue_id'])
      .where('c.issue_id', 'in', ids)
      .where('o.replied_at', 'is', null)
      .execute();
    if (open.length) {
      throw new DomainError('issue.governance_task_open', 'an issue is already in an open governance task', {
        field: 'issueIds',
        details: { orderId: open[0]!.id, title: open[0]!.title, issueIds: open.map((o) => o.issue_id) },
      });
    }
    const order = await trx
      .insertInto('supervision_orders')
      .values({ kind: 'governance', title: input.title, issue_id: null, clock_id: null, issued_by: actor.accountId, unit_id: unit.id, issued_at: now, due_at: dueAt, required_reply: input.note })
      .returning(['id', 'title', 'unit_id as unitId', 'issued_at as issuedAt', 'due_at as dueAt', 'required_reply as requiredReply'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('supervision_order_issues')
      .values(issues.map((i) => ({ order_id: order.id, issue_id: i.id })))
      .execute();
    const payload = { orderId: order.id, title: input.title, unitId: unit.id, unitName: unit.short_name, dueAt, issueCount: issues.length };
    await appendIssueEvents(
      trx,
      issues.map((i) => ({ issueId: i.id, version: i.version, events: [{ type: 'governanceTask', actor, payload, stateAfter: i.state, at: now }] })),
      now,
    );
    await enqueueNoticeBatch(trx, [
      {
        issueId: null,
        notices: [
          {
            audience: [{ unit: unit.id, heads: true }],
            subject: `【督办单·主动治理】${input.title}`,
            text: `多家企业反映同类问题（${issues.map((i) => i.number).join('、')}），列为主动治理任务由${unit.short_name}统一推进：${input.note}。请于 ${shanghaiText(dueAt)} 前书面回复治理情况。`,
            dedupeKey: `order-${order.id}`,
            kind: 'supervisionOrder',
            link: '/orders',
          },
        ],
      },
    ]);
    return { ...order, title: input.title, unitId: unit.id, unitName: unit.short_name, issues: issues.map((i) => ({ id: i.id, number: i.number })) };
  });
}
