import { shanghaiText } from '@huiyin/calendar';
import type { RateInput, StrikeOffInput, WithdrawInput } from '@huiyin/contract';
import type { z } from 'zod';
import { stateOf } from '@huiyin/issue-workflow';
import { categoryOf, dueAfter } from '../command-helpers.ts';
import type { CommandContext, IssueCommand } from '../execute-command.ts';

async function nextRound(ctx: CommandContext): Promise<number> {
  const r = await ctx.trx
    .selectFrom('ratings')
    .select((eb) => eb.fn.max('round').as('m'))
    .where('issue_id', '=', ctx.issue.id)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** The enterprise's rating; dissatisfied reopens it (重办) and tells the leader. */
export const rate: IssueCommand<z.infer<typeof RateInput>> = {
  type: 'rate',
  async event(ctx, input) {
    const category = await categoryOf(ctx);
    return {
      type: 'rate',
      actor: ctx.actor,
      at: ctx.now.toISOString(),
      resolved: input.resolved,
      satisfaction: input.satisfaction,
      // Used only if the rating reopens the issue: the redo gets fresh clocks.
      claimDueAt: dueAfter(ctx, ctx.now, category.claim_limit),
      handlingDueAt: dueAfter(ctx, ctx.now, ctx.issue.time_limit ?? category.handling_limit),
    };
  },
  async record(ctx, input, next) {
    await ctx.trx
      .insertInto('ratings')
      .values({
        issue_id: ctx.issue.id,
        round: await nextRound(ctx),
        resolved: input.resolved,
        satisfaction: input.satisfaction,
        comment: input.comment ?? null,
        source: 'enterprise',
        rated_at: ctx.now,
      })
      .execute();
    const reopened = stateOf(next) === 'reopened';
    const text = `企业评价：问题${{ yes: '已解决', partly: '部分解决', no: '未解决' }[input.resolved]}，${{ satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' }[input.satisfaction]}。${input.comment ?? ''}`;
    return {
      payload: { resolved: input.resolved, satisfaction: input.satisfaction, comment: input.comment ?? null, reopened },
      visibleToEnterprise: true,
      notices: reopened
        ? [
            {
              audience: [{ leader: ctx.issue.leader_id ?? '' }, { unit: ctx.issue.lead_unit_id ?? '' }],
              subject: `【不满意重办】${ctx.issue.number} ${ctx.issue.title}`,
              text: `${text}\n已重新交办，请于 ${shanghaiText(next.context.claimDueAt)} 前签收，${shanghaiText(next.context.handlingDueAt)} 前重新答复。`,
            },
          ]
        : [{ audience: [{ unit: ctx.issue.lead_unit_id ?? '' }], subject: `【已办结销号】${ctx.issue.number}`, text }],
    };
  },
};

export const withdraw: IssueCommand<z.infer<typeof WithdrawInput>> = {
  type: 'withdraw',
  event: (ctx, input) => ({ type: 'withdraw', actor: ctx.actor, at: ctx.now.toISOString(), reason: input.reason }),
  record(ctx, input) {
    const audience = ctx.issue.lead_unit_id ? [{ unit: ctx.issue.lead_unit_id }] : [{ role: 'dispatcher' as const }];
    return { payload: { reason: input.reason }, visibleToEnterprise: true, notices: [{ audience, subject: `【企业撤回】${ctx.issue.number} ${ctx.issue.title}`, text: `撤回理由：${input.reason}` }] };
  },
};

/** 销号 by supervision or the dispatcher, with a reason on the record. */
export const strikeOff: IssueCommand<z.infer<typeof StrikeOffInput>> = {
  type: 'strikeOff',
  event: (ctx, input) => ({ type: 'strikeOff', actor: ctx.actor, at: ctx.now.toISOString(), reason: input.reason }),
  record(ctx, input) {
    return {
      payload: { reason: input.reason },
      visibleToEnterprise: true,
      notices: [{ audience: [{ enterprise: ctx.issue.enterprise_id }], subject: `【已办结销号】${ctx.issue.number}`, text: `「${ctx.issue.title}」已办结销号：${input.reason}` }],
    };
  },
};

/**
 * The rating limit passed (fired by the timers, never by a person): the first time invites the
 * enterprise again, the second closes the issue as the category's policy says.
 */
export const ratingTimeout: IssueCommand<{ expectedVersion?: number }> = {
  type: 'ratingTimeout',
  async event(ctx) {
    const category = await categoryOf(ctx);
    return { type: 'ratingTimeout', actor: ctx.actor, at: ctx.now.toISOString(), ratingDueAt: dueAfter(ctx, ctx.now, category.rating_limit) };
  },
  async record(ctx, _input, next) {
    const closed = stateOf(next) === 'closed';
    if (!closed) {
      return {
        payload: { invitation: next.context.ratingInvitations, ratingDueAt: next.context.ratingDueAt },
        visibleToEnterprise: true,
        notices: [
          {
            audience: [{ enterprise: ctx.issue.enterprise_id }],
            subject: `【请评价】${ctx.issue.number} ${ctx.issue.title}`,
            text: `请于 ${shanghaiText(next.context.ratingDueAt)} 前评价答复：问题是否解决？是否满意？逾期将按规定办结。`,
          },
        ],
      };
    }
    const category = await categoryOf(ctx);
    const satisfied = category.rating_timeout_outcome === 'close_satisfied';
    await ctx.trx
      .insertInto('ratings')
      .values({ issue_id: ctx.issue.id, round: await nextRound(ctx), resolved: null, satisfaction: satisfied ? 'satisfied' : null, comment: null, source: 'rating_timeout', rated_at: ctx.now })
      .execute();
    return { payload: { outcome: category.rating_timeout_outcome }, visibleToEnterprise: true };
  },
};
