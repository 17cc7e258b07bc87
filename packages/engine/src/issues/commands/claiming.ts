import { shanghaiText } from '@huiyin/calendar';
import { DomainError } from '@huiyin/domain';
import { RETURNS_BEFORE_LEADER } from '@huiyin/issue-workflow';
import type { ClaimInput, ReturnInput, RuleReturnInput } from '@huiyin/contract';
import type { z } from 'zod';
import { assertUnit, categoryOf, dueAfter, official } from '../command-helpers.ts';
import type { IssueCommand } from '../execute-command.ts';

/** 签收: whether it came within the claim limit is recorded now and never rewritten. */
export const claim: IssueCommand<z.infer<typeof ClaimInput>> = {
  type: 'claim',
  event: (ctx) => ({ type: 'claim', actor: ctx.actor, at: ctx.now.toISOString() }),
  async record(ctx, _input, next) {
    const me = official(ctx.actor);
    const due = ctx.issue.claim_due_at;
    const onTime = due ? ctx.now.getTime() <= new Date(due).getTime() : true;
    const who = await ctx.trx.selectFrom('officials').select('name').where('id', '=', me.officialId).executeTakeFirstOrThrow();
    return {
      payload: { claimedBy: me.officialId, claimedByName: who.name, unitId: me.unitId, onTime, reopenCount: next.context.reopenCount },
      visibleToEnterprise: true,
      notices: [
        {
          audience: [{ enterprise: ctx.issue.enterprise_id }],
          subject: `【已签收】${ctx.issue.number}`,
          text: `您反映的问题「${ctx.issue.title}」已由承办人${who.name}签收办理，预计 ${shanghaiText(next.context.handlingDueAt)} 前答复。`,
        },
      ],
    };
  },
};

/** 退单: the unit disputes the assignment with a reason; the dispatcher (or leader) rules. */
export const returnIssue: IssueCommand<z.infer<typeof ReturnInput>> = {
  type: 'return',
  event: (ctx, input) => ({ type: 'return', actor: ctx.actor, at: ctx.now.toISOString(), reason: input.reason }),
  async record(ctx, input, next) {
    const me = official(ctx.actor);
    const unitId = ctx.issue.lead_unit_id ?? '';
    await ctx.trx.insertInto('issue_returns').values({ issue_id: ctx.issue.id, unit_id: unitId, returned_by: me.officialId, reason: input.reason, returned_at: ctx.now }).execute();
    const toLeader = next.context.returnCount >= RETURNS_BEFORE_LEADER;
    return {
      payload: { unitId, reason: input.reason, returnCount: next.context.returnCount, ruledBy: toLeader ? 'leader' : 'dispatcher' },
      visibleToEnterprise: false,
      notices: [
        {
          audience: toLeader ? [{ leader: ctx.issue.leader_id ?? '' }] : [{ role: 'dispatcher' }],
          subject: `【退单待裁定】${ctx.issue.number} ${ctx.issue.title}`,
          text: `责任单位申请退回，理由：${input.reason}${toLeader ? `\n该诉求已第 ${next.context.returnCount} 次退回，由分包领导裁定。` : ''}`,
        },
      ],
    };
  },
};

/** The ruling on a return is final: upheld re-dispatches with fresh clocks, denied is binding. */
export const ruleReturn: IssueCommand<z.infer<typeof RuleReturnInput>> = {
  type: 'ruleReturn',
  async event(ctx, input) {
    const at = ctx.now.toISOString();
    if (!input.upheld) return { type: 'ruleReturn', actor: ctx.actor, at, upheld: false };
    if (!input.leadUnitId) throw new DomainError('validation.required', 'an upheld return names the unit that takes over', { field: 'leadUnitId' });
    await assertUnit(ctx, input.leadUnitId, 'leadUnitId');
    const category = await categoryOf(ctx);
    return {
      type: 'ruleReturn',
      actor: ctx.actor,
      at,
      upheld: true,
      leadUnitId: input.leadUnitId,
      claimDueAt: dueAfter(ctx, ctx.now, category.claim_limit),
      handlingDueAt: dueAfter(ctx, ctx.now, ctx.issue.time_limit ?? category.handling_limit),
    };
  },
  async record(ctx, input, next) {
    const me = official(ctx.actor);
    const pending = await ctx.trx
      .selectFrom('issue_returns')
      .select(['id', 'unit_id'])
      .where('issue_id', '=', ctx.issue.id)
      .where('ruled_at', 'is', null)
      .orderBy('returned_at', 'desc')
      .executeTakeFirstOrThrow();
    await ctx.trx.updateTable('issue_returns').set({ upheld: input.upheld, ruled_by: me.officialId, ruled_at: ctx.now, ruling_note: input.note }).where('id', '=', pending.id).execute();
    const c = next.context;
    return {
      payload: { upheld: input.upheld, note: input.note, fromUnitId: pending.unit_id, leadUnitId: c.leadUnitId, claimDueAt: c.claimDueAt, handlingDueAt: c.handlingDueAt },
      visibleToEnterprise: input.upheld,
      notices: [
        {
          audience: [{ unit: c.leadUnitId ?? '' }],
          subject: input.upheld ? `【待签收】${ctx.issue.number} ${ctx.issue.title}` : `【退单未获支持】${ctx.issue.number}`,
          text: input.upheld
            ? `经裁定由贵单位主办，请于 ${shanghaiText(c.claimDueAt)} 前签收，${shanghaiText(c.handlingDueAt)} 前答复。裁定意见：${input.note}`
            : `退单申请未获支持，裁定为最终决定，请即签收办理，办理时限 ${shanghaiText(c.handlingDueAt)} 不变。裁定意见：${input.note}`,
        },
      ],
    };
  },
};
