import { DomainError } from '@huiyin/domain';
import { shanghaiText } from '@huiyin/calendar';
import type {
  AddInformationInput,
  AnswerAssistInput,
  FirstContactInput,
  InterimReplyInput,
  ReportMilestoneInput,
  RequestInfoInput,
  ResumeHandlingInput,
  SupplyDocumentInput,
  SupplyInfoInput,
} from '@huiyin/contract';
import type { z } from 'zod';
import { attach, official, unknownReference } from '../command-helpers.ts';
import type { CommandContext, IssueCommand } from '../execute-command.ts';
import type { ReplyKind } from '@huiyin/store';
import type { IssueEvent } from '@huiyin/issue-workflow';
import { resumedHandlingDue } from '../../clocks/resume-due.ts';

const at = (ctx: CommandContext) => ctx.now.toISOString();

async function addReply(ctx: CommandContext, kind: ReplyKind, body: string, status: 'sent' | 'internal') {
  const me = official(ctx.actor);
  await ctx.trx
    .insertInto('replies')
    .values({ issue_id: ctx.issue.id, kind, body, author_id: me.officialId, unit_id: me.unitId, status, created_at: ctx.now, sent_at: status === 'sent' ? ctx.now : null })
    .execute();
}

const toEnterprise = (ctx: CommandContext, subject: string, text: string) => [{ audience: [{ enterprise: ctx.issue.enterprise_id }], subject: `【${subject}】${ctx.issue.number}`, text }];

/** 先行联系: the handler's first contact with the enterprise, its own recorded step. */
export const recordFirstContact: IssueCommand<z.infer<typeof FirstContactInput>> = {
  type: 'recordFirstContact',
  event: (ctx) => ({ type: 'recordFirstContact', actor: ctx.actor, at: at(ctx) }),
  async record(ctx, input) {
    await addReply(ctx, 'first_contact', input.note, 'internal');
    const claimedAt = ctx.snapshot.context.claimedAt;
    return { payload: { channel: input.channel, note: input.note, sinceClaimMs: claimedAt ? ctx.now.getTime() - Date.parse(claimedAt) : null }, visibleToEnterprise: true };
  },
};

export const reportMilestone: IssueCommand<z.infer<typeof ReportMilestoneInput>> = {
  type: 'reportMilestone',
  async event(ctx, input) {
    const m = await ctx.trx.selectFrom('milestones').select(['id', 'done_at']).where('id', '=', input.milestoneId).where('issue_id', '=', ctx.issue.id).executeTakeFirst();
    if (!m) throw unknownReference('milestoneId', 'milestone of this issue');
    if (m.done_at) throw new DomainError('milestone.already_done', 'this milestone was already reported done', { field: 'milestoneId' });
    return { type: 'reportMilestone', actor: ctx.actor, at: at(ctx) };
  },
  async record(ctx, input) {
    const m = await ctx.trx.updateTable('milestones').set({ done_at: ctx.now, note: input.note }).where('id', '=', input.milestoneId).returning(['title', 'due_at']).executeTakeFirstOrThrow();
    const onTime = ctx.now.getTime() <= m.due_at.getTime();
    return {
      payload: { milestoneId: input.milestoneId, title: m.title, note: input.note, onTime },
      visibleToEnterprise: true,
      notices: toEnterprise(ctx, '节点进展', `「${ctx.issue.title}」的节点「${m.title}」已完成：${input.note}`),
    };
  },
};

export const interimReply: IssueCommand<z.infer<typeof InterimReplyInput>> = {
  type: 'interimReply',
  event: (ctx) => ({ type: 'interimReply', actor: ctx.actor, at: at(ctx) }),
  async record(ctx, input) {
    await addReply(ctx, 'interim', input.body, 'sent');
    return { payload: { body: input.body }, visibleToEnterprise: true, notices: toEnterprise(ctx, '办理进展', input.body) };
  },
};

/** The unit asks the enterprise for information; the handling clock pauses until it comes. */
export const requestInfo: IssueCommand<z.infer<typeof RequestInfoInput>> = {
  type: 'requestInfo',
  event: (ctx) => ({ type: 'requestInfo', actor: ctx.actor, at: at(ctx) }),
  async record(ctx, input) {
    await addReply(ctx, 'info_request', input.body, 'sent');
    return { payload: { body: input.body, pauseReason: input.body }, visibleToEnterprise: true, notices: toEnterprise(ctx, '请补充信息', input.body) };
  },
};

export const supplyInfo: IssueCommand<z.infer<typeof SupplyInfoInput>> = {
  type: 'supplyInfo',
  event: async (ctx) => ({ type: 'supplyInfo', actor: ctx.actor, at: at(ctx), ...(await resumedHandlingDue(ctx.trx, ctx.deps.calendar, ctx.issue, ctx.now)) }),
  async record(ctx, input, _next, event) {
    await attach(ctx.trx, ctx.actor, ctx.issue.id, input.attachmentIds);
    return {
      payload: { body: input.body, attachmentIds: input.attachmentIds, pausedMs: pausedCredit(event) },
      visibleToEnterprise: true,
      notices: [{ audience: [{ unit: ctx.issue.lead_unit_id ?? '' }], subject: `【企业已补充】${ctx.issue.number}`, text: input.body }],
    };
  },
};

/** The enterprise adds information or documents of its own accord while the issue is open. */
export const addInformation: IssueCommand<z.infer<typeof AddInformationInput>> = {
  type: 'addInformation',
  event: (ctx) => ({ type: 'addInformation', actor: ctx.actor, at: at(ctx) }),
  async record(ctx, input) {
    await attach(ctx.trx, ctx.actor, ctx.issue.id, input.attachmentIds);
    const audience = ctx.issue.lead_unit_id ? [{ unit: ctx.issue.lead_unit_id }] : [{ role: 'dispatcher' as const }];
    return {
      payload: { body: input.body, attachmentIds: input.attachmentIds },
      visibleToEnterprise: true,
      notices: [{ audience, subject: `【企业补充信息】${ctx.issue.number} ${ctx.issue.title}`, text: input.body }],
    };
  },
};

/** The unit resumes handling without the information, or the worker does when the pause allowance is spent. */
export const resumeHandling: IssueCommand<z.infer<typeof ResumeHandlingInput>> = {
  type: 'resumeHandling',
  event: async (ctx) => ({ type: 'resumeHandling', actor: ctx.actor, at: at(ctx), ...(await resumedHandlingDue(ctx.trx, ctx.deps.calendar, ctx.issue, ctx.now)) }),
  record: (ctx, input, next, event) => ({
    payload: { note: input.note, pausedMs: pausedCredit(event) },
    visibleToEnterprise: true,
    // The unit did not resume it itself: it hears that its clock runs again, and until when.
    notices:
      ctx.actor.kind === 'system'
        ? [
            {
              audience: [{ unit: ctx.issue.lead_unit_id ?? '' }],
              subject: `【恢复计时】${ctx.issue.number} ${ctx.issue.title}`,
              text: `${input.note}\n办理时限：${shanghaiText(next.context.handlingDueAt)}`,
            },
          ]
        : [],
  }),
};

/** The paused time credited to the due time, for the ledger: a recompute replays it as recorded. */
const pausedCredit = (event: IssueEvent) => (event.type === 'supplyInfo' || event.type === 'resumeHandling' ? event.pausedMs : 0);

/** 容缺: a missing document supplied, closing its supplement deadline. */
export const supplyDocument: IssueCommand<z.infer<typeof SupplyDocumentInput>> = {
  type: 'supplyDocument',
  async event(ctx, input) {
    const doc = await ctx.trx.selectFrom('pending_documents').select(['id', 'supplied_at']).where('id', '=', input.pendingDocumentId).where('issue_id', '=', ctx.issue.id).executeTakeFirst();
    if (!doc) throw unknownReference('pendingDocumentId', 'pending document of this issue');
    if (doc.supplied_at) throw new DomainError('document.already_supplied', 'this document was already supplied', { field: 'pendingDocumentId' });
    const open = await ctx.trx
      .selectFrom('pending_documents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('issue_id', '=', ctx.issue.id)
      .where('supplied_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { type: 'supplyDocument', actor: ctx.actor, at: at(ctx), remaining: Number(open.n) - 1 };
  },
  async record(ctx, input) {
    await attach(ctx.trx, ctx.actor, ctx.issue.id, [input.attachmentId], 'attachmentId');
    const doc = await ctx.trx
      .updateTable('pending_documents')
      .set({ supplied_at: ctx.now, attachment_id: input.attachmentId })
      .where('id', '=', input.pendingDocumentId)
      .returning(['name', 'due_at'])
      .executeTakeFirstOrThrow();
    return { payload: { pendingDocumentId: input.pendingDocumentId, name: doc.name, onTime: ctx.now <= doc.due_at }, visibleToEnterprise: true };
  },
};

/** 协办: an assisting unit answers the lead unit, which answers the enterprise. */
export const answerAssist: IssueCommand<z.infer<typeof AnswerAssistInput>> = {
  type: 'answerAssist',
  event: (ctx) => ({ type: 'answerAssist', actor: ctx.actor, at: at(ctx) }),
  async record(ctx, input) {
    const me = official(ctx.actor);
    const task = await ctx.trx
      .updateTable('issue_assists')
      .set({ answered_at: ctx.now, answer: input.body, answered_by: me.officialId })
      .where('issue_id', '=', ctx.issue.id)
      .where('unit_id', '=', me.unitId ?? '')
      .returning('due_at')
      .executeTakeFirstOrThrow();
    await addReply(ctx, 'assist', input.body, 'internal');
    return {
      payload: { unitId: me.unitId, body: input.body, onTime: ctx.now <= task.due_at },
      visibleToEnterprise: false,
      notices: [{ audience: [{ unit: ctx.issue.lead_unit_id ?? '' }], subject: `【协办意见】${ctx.issue.number}`, text: input.body }],
    };
  },
};
