import { DomainError, type Actor, type OfficialActor } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { Tx, CategoryRow } from '@huiyin/store';
import { categoryIn, limitsFor } from '../clocks/policy.ts';
import type { CommandContext } from './execute-command.ts';

export function official(actor: Actor): OfficialActor {
  if (actor.kind !== 'official') throw new DomainError('auth.forbidden', 'officials only');
  return actor;
}

/** The issue's category with the limits it runs on (`limitsFor`: a green-flagged issue takes the green channel's). */
export async function categoryOf(ctx: CommandContext, greenChannel = ctx.snapshot.context.greenChannel): Promise<CategoryRow> {
  const row = await categoryIn(ctx.trx, ctx.issue.category_id);
  if (!row) throw new Error(`issue ${ctx.issue.id} names category ${ctx.issue.category_id}, which is not there`);
  return limitsFor(ctx.trx, row, greenChannel);
}

export function dueAfter(ctx: CommandContext, from: Date, limit: TimeLimit): string {
  return ctx.deps.calendar.addLimit(from, limit).toISOString();
}

/** A reference in the body that names nothing: 422 with the field. */
export function unknownReference(field: string, what: string): DomainError {
  return new DomainError('reference.unknown', `${field} names no ${what}`, { field });
}

export async function assertUnit(ctx: CommandContext, unitId: string, field: string): Promise<void> {
  const row = await ctx.trx.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!row) throw unknownReference(field, 'unit');
}

/** Attachments the actor uploaded and has not yet attached: linked to the issue now. */
export async function attach(trx: Tx, actor: Actor, issueId: string, attachmentIds: readonly string[], field = 'attachmentIds'): Promise<void> {
  if (attachmentIds.length === 0) return;
  if (actor.kind === 'system') throw unknownReference(field, 'attachment');
  const linked = await trx
    .updateTable('attachments')
    .set({ issue_id: issueId })
    .where('id', 'in', [...attachmentIds])
    .where('uploaded_by', '=', actor.accountId)
    .where('issue_id', 'is', null)
    .returning('id')
    .execute();
  if (linked.length !== new Set(attachmentIds).size) throw unknownReference(field, 'unattached upload of yours');
}

const UNIT_TEXT: Record<TimeLimit['unit'], string> = { workingDays: '个工作日', workingHours: '个工作小时', hours: '小时', minutes: '分钟', seconds: '秒' };

/** A time limit as a sentence reads it: `10个工作日`, `24小时`. */
export function limitText(limit: TimeLimit): string {
  return `${limit.amount}${UNIT_TEXT[limit.unit]}`;
}
