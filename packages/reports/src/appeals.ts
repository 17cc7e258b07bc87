import { sql } from 'kysely';
import { DomainError, hasRole, type Actor } from '@huiyin/domain';
import { visibleTo, type Db } from '@huiyin/store';
import { appendIssueEvent, enqueueNotices } from '@huiyin/engine';
import { viewerOf } from './viewer.ts';

export const APPEAL_REASONS = ['unreasonable', 'duplicate', 'malicious'] as const;
export type AppealReason = (typeof APPEAL_REASONS)[number];
const REASON_TEXT: Record<AppealReason, string> = { unreasonable: '诉求不合理', duplicate: '重复诉求', malicious: '恶意诉求' };

export type Appeal = {
  id: string;
  issueId: string;
  number: string;
  title: string;
  unitId: string;
  unitName: string;
  reason: AppealReason;
  text: string;
  filedBy: string;
  filedAt: Date;
  status: 'pending' | 'accepted' | 'rejected';
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
};

type Deps = { db: Db; clock: () => Date };

/**
 * 申诉: a unit head asks that an issue be left out of the unit's scores. The issue must be the
 * unit's (it leads it, or claimed, answered or returned it); one live appeal per issue and unit.
 * On the issue's ledger as `appeal`; supervision hears of it.
 */
export async function fileAppeal(deps: Deps, params: { issueId: string; reason: AppealReason; text: string; actor: Actor }): Promise<Appeal> {
  const actor = params.actor;
  if (actor.kind !== 'official' || !hasRole(actor, 'unit_head') || !actor.unitId) throw new DomainError('auth.forbidden', 'a unit head appeals for their unit');
  const unitId = actor.unitId;
  const id = await deps.db.transaction().execute(async (trx) => {
    const issue = await trx
      .selectFrom('issues')
      .select(['id', 'number', 'title', 'version', 'state', 'lead_unit_id'])
      .select((eb) => sql<boolean>`${visibleTo(actor)(eb)}`.as('visible'))
      .select((eb) =>
        eb
          .or([
            eb('issues.lead_unit_id', '=', unitId),
            eb.exists(eb.selectFrom('timeliness').select(sql`1`.as('x')).whereRef('timeliness.issue_id', '=', 'issues.id').where('timeliness.unit_id', '=', unitId)),
            eb.exists(eb.selectFrom('issue_returns').select(sql`1`.as('x')).whereRef('issue_returns.issue_id', '=', 'issues.id').where('issue_returns.unit_id', '=', unitId)),
          ])
          .as('ours'),
      )
      .where('id', '=', params.issueId)
      .forUpdate()
      .executeTakeFirst();
    if (!issue) throw new DomainError('issue.not_found', 'no such issue', { field: 'issueId' });
    if (!issue.visible || !issue.ours) throw new DomainError('issue.forbidden', "this issue is not your unit's to appeal", { field: 'issueId' });
    const live = await trx.selectFrom('appeals').select(['id', 'status']).where('issue_id', '=', issue.id).where('unit_id', '=', unitId).where('status', '<>', 'rejected').executeTakeFirst();
    if (live) throw new DomainError('appeal.exists', 'your unit already has an appeal on this issue', { details: { appealId: live.id, appealStatus: live.status } });
    const now = deps.clock();
    const row = await trx
      .insertInto('appeals')
      .values({ issue_id: issue.id, unit_id: unitId, reason: params.reason, text: params.text, filed_by: actor.officialId, filed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendIssueEvent(trx, issue, actor, 'appeal', { appealId: row.id, unitId, reason: params.reason, text: params.text }, now);
    await enqueueNotices(trx, issue.id, [
      {
        audience: [{ role: 'supervisor' }],
        subject: `【申诉待决定】${issue.number}「${issue.title}」`,
        text: `责任单位申请该诉求不计入本单位考核（${REASON_TEXT[params.reason]}）：${params.text}`,
        dedupeKey: `appeal-${row.id}`,
        link: '/appeals',
      },
    ]);
    return row.id;
  });
  return getAppeal(deps.db, id);
}

/**
 * Supervision accepts or rejects an appeal, with its reason; on the issue's ledger as
 * `appealDecision`, and the unit's head hears of it. An accepted appeal takes the issue out of
 * the unit's rates in every bulletin generated from then on.
 */
export async function decideAppeal(deps: Deps, params: { appealId: string; accept: boolean; note: string; actor: Actor }): Promise<Appeal> {
  const actor = params.actor;
  if (actor.kind !== 'official' || !hasRole(actor, 'supervisor')) throw new DomainError('auth.forbidden', 'supervision decides appeals');
  await deps.db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('appeals').select('issue_id').where('id', '=', params.appealId).executeTakeFirst();
    if (!head) throw new DomainError('appeal.not_found', 'no such appeal');
    // The issue first, then the appeal: the order of every change on an issue.
    const issue = await trx.selectFrom('issues').select(['id', 'number', 'title', 'version', 'state']).where('id', '=', head.issue_id).forUpdate().executeTakeFirstOrThrow();
    const appeal = await trx.selectFrom('appeals').selectAll().where('id', '=', params.appealId).forUpdate().executeTakeFirstOrThrow();
    if (appeal.status !== 'pending') throw new DomainError('appeal.already_decided', 'this appeal has been decided', { details: { appealStatus: appeal.status, decidedAt: appeal.decided_at } });
    const now = deps.clock();
    const status = params.accept ? 'accepted' : 'rejected';
    await trx.updateTable('appeals').set({ status, decided_by: actor.officialId, decided_at: now, decision_note: params.note }).where('id', '=', appeal.id).execute();
    await appendIssueEvent(trx, issue, actor, 'appealDecision', { appealId: appeal.id, unitId: appeal.unit_id, accepted: params.accept, note: params.note }, now);
    await enqueueNotices(trx, issue.id, [
      {
        audience: [{ unit: appeal.unit_id, heads: true }],
        subject: `【申诉${params.accept ? '已同意' : '未同意'}】${issue.number}「${issue.title}」`,
        text: params.accept ? `督查室同意该诉求不计入贵单位考核。理由：${params.note}` : `督查室未同意贵单位的申诉，该诉求仍计入考核。理由：${params.note}`,
        dedupeKey: `appeal-decision-${appeal.id}`,
        link: '/appeals',
      },
    ]);
  });
  return getAppeal(deps.db, params.appealId);
}

function appealQuery(db: Db) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('issues as i', 'i.id', 'a.issue_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.issue_id as issueId',
      'i.number',
      'i.title',
      'a.unit_id as unitId',
      'u.short_name as unitName',
      'a.reason',
      'a.text',
      'a.filed_by as filedBy',
      'a.filed_at as filedAt',
      sql<Appeal['status']>`a.status`.as('status'),
      'a.decided_by as decidedBy',
      'a.decided_at as decidedAt',
      'a.decision_note as decisionNote',
    ]);
}

async function getAppeal(db: Db, id: string): Promise<Appeal> {
  return appealQuery(db).where('a.id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Appeals the actor may see: supervision (and dispatchers, admins) all, a unit its own, a leader
 * those on issues they lead. Newest first, by offset pages.
 */
export async function listAppeals(
  db: Db,
  actor: Actor,
  options: { status?: Appeal['status'] | undefined; unitId?: string | undefined; limit: number; offset: number },
): Promise<{ items: Appeal[]; total: number }> {
  const viewer = viewerOf(actor);
  let q = appealQuery(db);
  if (!viewer.all) {
    const none = '00000000-0000-0000-0000-000000000000';
    q = q.where((eb) => eb.or([eb('a.unit_id', 'in', [...viewer.unitIds, none]), eb('i.leader_id', 'in', [...viewer.leaderIds, none])]));
  }
  if (options.status) q = q.where('a.status', '=', options.status);
  if (options.unitId) q = q.where('a.unit_id', '=', options.unitId);
  const [items, total] = await Promise.all([
    q.orderBy('a.filed_at', 'desc').orderBy('a.id').limit(options.limit).offset(options.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
