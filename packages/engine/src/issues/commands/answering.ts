import { shanghaiText } from '@huiyin/calendar';
import type { ResolveInput, ReviewInput } from '@huiyin/contract';
import type { z } from 'zod';
import { stateOf, type IssueSnapshot } from '@huiyin/issue-workflow';
import { categoryOf, dueAfter, official } from '../command-helpers.ts';
import type { CommandContext, IssueCommand, Recorded } from '../execute-command.ts';

/** The final answer, drafted by the lead unit; nobody outside sees it until it is reviewed. */
export const resolve: IssueCommand<z.infer<typeof ResolveInput>> = {
  type: 'resolve',
  event: (ctx, input) => ({ type: 'resolve', actor: ctx.actor, at: ctx.now.toISOString(), outcome: input.outcome, wayForward: input.wayForward ?? null }),
  async record(ctx, input) {
    const me = official(ctx.actor);
    await ctx.trx
      .insertInto('replies')
      .values({
        issue_id: ctx.issue.id,
        kind: 'final',
        body: input.body,
        outcome: input.outcome,
        way_forward: input.wayForward ?? null,
        author_id: me.officialId,
        unit_id: me.unitId,
        status: 'draft',
        created_at: ctx.now,
      })
      .execute();
    return {
      payload: { outcome: input.outcome, onTimeIfSent: ctx.issue.handling_due_at ? ctx.now <= ctx.issue.handling_due_at : true },
      visibleToEnterprise: false,
      notices: [
        {
          audience: [{ unit: ctx.issue.lead_unit_id ?? '', heads: true }],
          subject: `【答复待审核】${ctx.issue.number} ${ctx.issue.title}`,
          text: `${input.body}${input.wayForward ? `\n\n解决路径：${input.wayForward}` : ''}`,
        },
      ],
    };
  },
};

async function draft(ctx: CommandContext) {
  return ctx.trx
    .selectFrom('replies')
    .selectAll()
    .where('issue_id', '=', ctx.issue.id)
    .where('kind', '=', 'final')
    .where('status', '=', 'draft')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

/** After review or sign-off: sent to the enterprise with the rating invitation, or back to work. */
async function settle(ctx: CommandContext, next: IssueSnapshot, approve: boolean, note: string | undefined, step: 'review' | 'signOff'): Promise<Recorded> {
  const me = official(ctx.actor);
  const reply = await draft(ctx);
  const delivered = stateOf(next) === 'resolved';
  const set = step === 'review' ? { reviewed_by: me.officialId, reviewed_at: ctx.now } : { signed_off_by: me.officialId, signed_off_at: ctx.now };
  await ctx.trx
    .updateTable('replies')
    .set({ ...set, status: !approve ? 'rejected' : delivered ? 'sent' : 'draft', sent_at: delivered ? ctx.now : null })
    .where('id', '=', reply.id)
    .execute();
  const onTime = ctx.issue.handling_due_at ? ctx.now <= ctx.issue.handling_due_at : true;
  const payload = { approve, note: note ?? null, replyId: reply.id, outcome: reply.outcome, ...(delivered ? { answer: reply.body, wayForward: reply.way_forward, onTime } : {}) };
  if (!approve) {
    return {
      payload,
      visibleToEnterprise: false,
      notices: [{ audience: [{ unit: ctx.issue.lead_unit_id ?? '' }], subject: `【答复退回修改】${ctx.issue.number}`, text: note ?? '请修改答复意见后重新提交。' }],
    };
  }
  if (!delivered) {
    return {
      payload,
      visibleToEnterprise: false,
      notices: [
        { audience: [{ leader: ctx.issue.leader_id ?? '' }], subject: `【否定性答复待审签】${ctx.issue.number} ${ctx.issue.title}`, text: `${reply.body}\n\n解决路径：${reply.way_forward ?? ''}` },
      ],
    };
  }
  return {
    payload,
    visibleToEnterprise: true,
    notices: [
      {
        audience: [{ enterprise: ctx.issue.enterprise_id }],
        subject: `【答复】${ctx.issue.number} ${ctx.issue.title}`,
        text: `${reply.body}${reply.way_forward ? `\n\n解决路径：${reply.way_forward}` : ''}\n\n请于 ${shanghaiText(next.context.ratingDueAt)} 前评价：问题是否解决？是否满意？`,
      },
    ],
  };
}

/** Review and sign-off decide the same way; a decision that delivers opens the rating clock. */
function decision(type: 'reviewAnswer' | 'signOff', step: 'review' | 'signOff'): IssueCommand<z.infer<typeof ReviewInput>> {
  return {
    type,
    async event(ctx, input) {
      const category = await categoryOf(ctx);
      return { type, actor: ctx.actor, at: ctx.now.toISOString(), approve: input.approve, ratingDueAt: dueAfter(ctx, ctx.now, category.rating_limit) };
    },
    record: (ctx, input, next) => settle(ctx, next, input.approve, input.note, step),
  };
}

/** The unit head reviews every final answer before the enterprise sees it. */
export const reviewAnswer = decision('reviewAnswer', 'review');

/** The leader signs off a negative answer (不说"不能办"，只说"怎么办"). */
export const signOff = decision('signOff', 'signOff');
