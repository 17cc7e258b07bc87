import { shanghaiText } from '@huiyin/calendar';
import type { Audience, Notice } from '@huiyin/domain';
import { appendIssueEvents, type Tx } from '@huiyin/store';
import type { EngineDeps } from '../deps.ts';
import { appendIssueEvent } from '../issues/append-issue-event.ts';
import { recordProjectEvent } from '../projects/project-ledger.ts';
import { enqueueNoticeBatch } from '../notifications/enqueue-notice-batch.ts';
import { coveredIssues, lockCovered } from './governance-tasks.ts';

const SYSTEM = { kind: 'system' } as const;

/**
 * The reply clock of every 督办单 (docs/domain.md#supervision-orders): an order past its reply due
 * time with no reply escalates once, to the head of its unit, the leader of its issue or key
 * project and supervision, as an `supervisionOrderOverdue` event on its owner's ledger. The
 * workers' catch-up calls this several times a second; with nothing due it is one indexed read.
 * Each order's owner is locked first, as commands lock, with SKIP LOCKED: one held by a command
 * is left for the next round. Returns the orders escalated.
 */
export async function escalateOverdueOrders(deps: EngineDeps, limit = 100): Promise<string[]> {
  const due = await deps.db
    .selectFrom('supervision_orders')
    .select(['id', 'issue_id', 'project_id', 'kind'])
    .where('replied_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('due_at', '<=', deps.clock())
    .orderBy('due_at')
    .limit(limit)
    .execute();
  const done: string[] = [];
  for (const order of due) {
    const escalated = await deps.db.transaction().execute((trx) => escalateOne(trx, deps.clock(), order));
    if (escalated) done.push(order.id);
  }
  return done;
}

async function escalateOne(trx: Tx, now: Date, ref: { id: string; issue_id: string | null; project_id: string | null; kind: string }): Promise<boolean> {
  if (ref.kind === 'governance') return escalateGovernanceTask(trx, now, ref.id);
  const issue = ref.issue_id ? await trx.selectFrom('issues').selectAll().where('id', '=', ref.issue_id).forUpdate().skipLocked().executeTakeFirst() : undefined;
  const project = ref.project_id ? await trx.selectFrom('projects').selectAll().where('id', '=', ref.project_id).forUpdate().skipLocked().executeTakeFirst() : undefined;
  if (!issue && !project) return false;
  const marked = await markEscalated(trx, ref.id, now);
  if (!marked) return false;
  const { order, unit } = marked;
  const payload = { orderId: order.id, unitId: order.unit_id, dueAt: order.due_at, lateMs: now.getTime() - order.due_at.getTime() };
  const what = issue ? `${issue.number}「${issue.title}」` : `重点项目「${project?.name ?? ''}」`;
  const leader = issue?.leader_id ?? project?.leader_id ?? null;
  const audience: Audience[] = [{ role: 'supervisor' }, ...(order.unit_id ? [{ unit: order.unit_id, heads: true }] : []), ...(leader ? [{ leader }] : [])];
  const notice: Notice = {
    audience,
    subject: `【督办超期未复】${what}`,
    text: `${unit?.short_name ?? '责任单位'}应于 ${shanghaiText(order.due_at)} 前书面回复的督办单至今未复，已提级至分管领导和督查部门。督办要求：${order.required_reply}`,
    dedupeKey: `order-overdue-${order.id}`,
    kind: 'escalation',
    ...(project ? { link: `/projects/${project.id}` } : {}),
  };
  if (issue) await appendIssueEvent(trx, issue, SYSTEM, 'supervisionOrderOverdue', payload, now);
  if (project) await recordProjectEvent(trx, { row: project, actor: SYSTEM, type: 'supervisionOrderOverdue', payload, now });
  await enqueueNoticeBatch(trx, [{ issueId: issue?.id ?? null, notices: [notice] }]);
  return true;
}

/**
 * Marks the order escalated, if it is still unanswered, unescalated and due (another worker may
 * have got there first): the order as it now is, and its unit's short name for the notice.
 */
async function markEscalated(trx: Tx, orderId: string, now: Date) {
  const order = await trx
    .updateTable('supervision_orders')
    .set({ escalated_at: now })
    .where('id', '=', orderId)
    .where('replied_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('due_at', '<=', now)
    .returningAll()
    .executeTakeFirst();
  if (!order) return undefined;
  const unit = order.unit_id ? await trx.selectFrom('units').select('short_name').where('id', '=', order.unit_id).executeTakeFirst() : undefined;
  return { order, unit };
}

/**
 * A 主动治理 task past its reply due time: its covered issues locked as it locked them (all, or
 * left for the next round), a `supervisionOrderOverdue` event on each, and 【督办超期未复】 to the
 * unit's heads and supervision.
 */
async function escalateGovernanceTask(trx: Tx, now: Date, orderId: string): Promise<boolean> {
  const covered = await coveredIssues(trx, orderId);
  const issues = await lockCovered(trx, SYSTEM, covered, true);
  if (issues.length < covered.length) return false;
  const marked = await markEscalated(trx, orderId, now);
  if (!marked) return false;
  const { order, unit } = marked;
  const payload = { orderId: order.id, unitId: order.unit_id, dueAt: order.due_at, lateMs: now.getTime() - order.due_at.getTime(), governance: true };
  await appendIssueEvents(
    trx,
    issues.map((i) => ({ issueId: i.id, version: i.version, events: [{ type: 'supervisionOrderOverdue', actor: SYSTEM, payload, stateAfter: i.state, at: now }] })),
    now,
  );
  const notice: Notice = {
    audience: [{ role: 'supervisor' }, ...(order.unit_id ? [{ unit: order.unit_id, heads: true }] : [])],
    subject: `【督办超期未复】主动治理「${order.title ?? ''}」`,
    text: `${unit?.short_name ?? '责任单位'}应于 ${shanghaiText(order.due_at)} 前书面回复的主动治理任务至今未复，已提级至督查部门。治理要求：${order.required_reply}`,
    dedupeKey: `order-overdue-${order.id}`,
    kind: 'escalation',
    link: '/orders',
  };
  await enqueueNoticeBatch(trx, [{ issueId: null, notices: [notice] }]);
  return true;
}
