import { shanghaiText } from '@huiyin/calendar';
import { DomainError } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import { limitBoundsOf } from '../../clocks/policy.ts';
import type { DecideExtensionInput, RequestExtensionInput } from '@huiyin/contract';
import type { z } from 'zod';
import { dueAfter, limitText, official } from '../command-helpers.ts';
import type { CommandContext, IssueCommand } from '../execute-command.ts';

async function pendingExtension(ctx: CommandContext) {
  const row = await ctx.trx.selectFrom('extensions').selectAll().where('issue_id', '=', ctx.issue.id).where('decision', 'is', null).orderBy('requested_at', 'desc').executeTakeFirst();
  if (!row) throw new DomainError('issue.no_extension_pending', 'no extension is waiting for a decision');
  return row;
}

/**
 * An extension within the category's bounds (docs/domain.md#limit-bounds): no longer than
 * `maxExtension`, and no more than `maxExtensions` granted per issue.
 * @throws DomainError `issue.extensions_exhausted`, `issue.extension_too_long` (422, naming `amount`)
 */
async function assertWithinBounds(ctx: CommandContext, amount: TimeLimit) {
  const bounds = await limitBoundsOf(ctx.trx, ctx.issue);
  const granted = ctx.snapshot.context.extensionCount;
  if (granted >= bounds.maxExtensions) {
    throw new DomainError('issue.extensions_exhausted', `this issue has had ${granted} extension(s), the most its category grants is ${bounds.maxExtensions}`, {
      field: 'amount',
      details: { maxExtensions: bounds.maxExtensions, granted },
    });
  }
  const from = ctx.issue.handling_due_at ?? ctx.now;
  const { calendar } = ctx.deps;
  if (calendar.addLimit(from, amount) > calendar.addLimit(from, bounds.maxExtension)) {
    throw new DomainError('issue.extension_too_long', `amount may be at most ${limitText(bounds.maxExtension)}`, { field: 'amount', details: { maxExtension: bounds.maxExtension } });
  }
}

/** 延期: asked of the leader before the due time, with a reason, within the category's bounds. */
export const requestExtension: IssueCommand<z.infer<typeof RequestExtensionInput>> = {
  type: 'requestExtension',
  async event(ctx, input) {
    await assertWithinBounds(ctx, input.amount);
    return { type: 'requestExtension', actor: ctx.actor, at: ctx.now.toISOString() };
  },
  async record(ctx, input) {
    const me = official(ctx.actor);
    await ctx.trx
      .insertInto('extensions')
      .values({ issue_id: ctx.issue.id, requested_by: me.officialId, reason: input.reason, amount: JSON.stringify(input.amount), requested_at: ctx.now })
      .execute();
    return {
      payload: { amount: input.amount, reason: input.reason },
      visibleToEnterprise: false,
      notices: [
        {
          audience: [{ leader: ctx.issue.leader_id ?? '' }],
          subject: `【延期申请】${ctx.issue.number} ${ctx.issue.title}`,
          text: `申请延期${limitText(input.amount)}，理由：${input.reason}\n当前办理时限：${shanghaiText(ctx.issue.handling_due_at)}`,
        },
      ],
    };
  },
};

/** Extensions add to the due time by the calendar's rule; the enterprise is told the new date. */
export const approveExtension: IssueCommand<z.infer<typeof DecideExtensionInput>> = {
  type: 'approveExtension',
  async event(ctx) {
    const ext = await pendingExtension(ctx);
    const from = ctx.issue.handling_due_at ?? ctx.now;
    return { type: 'approveExtension', actor: ctx.actor, at: ctx.now.toISOString(), handlingDueAt: dueAfter(ctx, new Date(from), ext.amount) };
  },
  async record(ctx, input, next) {
    const me = official(ctx.actor);
    const ext = await pendingExtension(ctx);
    const newDue = next.context.handlingDueAt;
    await ctx.trx
      .updateTable('extensions')
      .set({ decision: 'approved', decided_by: me.officialId, decided_at: ctx.now, decision_note: input.note ?? null, new_due_at: newDue })
      .where('id', '=', ext.id)
      .execute();
    return {
      payload: { extensionId: ext.id, previousDueAt: ctx.issue.handling_due_at, handlingDueAt: newDue, note: input.note ?? null },
      visibleToEnterprise: true,
      notices: [
        { audience: [{ unit: ctx.issue.lead_unit_id ?? '' }], subject: `【延期已批准】${ctx.issue.number}`, text: `新的办理时限：${shanghaiText(newDue)}` },
        {
          audience: [{ enterprise: ctx.issue.enterprise_id }],
          subject: `【办理时限调整】${ctx.issue.number}`,
          // The reason was written for the leader: the enterprise hears the new date.
          text: `经分包领导批准，「${ctx.issue.title}」的答复时限调整为 ${shanghaiText(newDue)}。`,
        },
      ],
    };
  },
};

export const denyExtension: IssueCommand<z.infer<typeof DecideExtensionInput>> = {
  type: 'denyExtension',
  async event(ctx) {
    await pendingExtension(ctx);
    return { type: 'denyExtension', actor: ctx.actor, at: ctx.now.toISOString() };
  },
  async record(ctx, input) {
    const me = official(ctx.actor);
    const ext = await pendingExtension(ctx);
    await ctx.trx
      .updateTable('extensions')
      .set({ decision: 'denied', decided_by: me.officialId, decided_at: ctx.now, decision_note: input.note ?? null })
      .where('id', '=', ext.id)
      .execute();
    return {
      payload: { extensionId: ext.id, note: input.note ?? null },
      visibleToEnterprise: false,
      notices: [
        { audience: [{ unit: ctx.issue.lead_unit_id ?? '' }], subject: `【延期未批准】${ctx.issue.number}`, text: `办理时限仍为 ${shanghaiText(ctx.issue.handling_due_at)}。${input.note ?? ''}` },
      ],
    };
  },
};
