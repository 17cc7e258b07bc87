import { shanghaiMinute, shanghaiText, type TimeLimit } from '@huiyin/calendar';
import { DEFAULT_ASSIST_MARGIN, DEFAULT_MILESTONES_REQUIRED_FROM, DomainError } from '@huiyin/domain';
import { assistDueBefore } from '../../clocks/assist-due.ts';
import type { DispatchInput, ListIssueInput, MarkDuplicateInput } from '@huiyin/contract';
import type { z } from 'zod';
import { assertUnit, categoryOf, dueAfter, limitText, unknownReference } from '../command-helpers.ts';
import type { CommandContext, IssueCommand } from '../execute-command.ts';

/**
 * A milestone given as a date (midnight in Shanghai) is due at the close of business that day, as
 * officials read a date, or of the next working day when it falls on a day off.
 */
function milestoneDue(ctx: CommandContext, dueAt: string): string {
  const at = new Date(dueAt);
  if (shanghaiMinute(at).slice(11) !== '00:00' || at.getUTCSeconds() !== 0 || at.getUTCMilliseconds() !== 0) return at.toISOString();
  return ctx.deps.calendar.addWorkingDays(new Date(at.getTime() - 1), 1).toISOString();
}

/**
 * 四明确: from the category's `milestonesRequiredFrom` on (as long or longer, measured from now),
 * an issue is listed with its milestone plan.
 * @throws DomainError `issue.milestones_required` (422, naming `milestones`)
 */
function assertNoPlanNeeded(ctx: CommandContext, limit: TimeLimit, category: { milestones_required_from: TimeLimit | null }) {
  const from = category.milestones_required_from ?? DEFAULT_MILESTONES_REQUIRED_FROM;
  const { calendar } = ctx.deps;
  if (calendar.addLimit(ctx.now, limit) < calendar.addLimit(ctx.now, from)) return;
  throw new DomainError('issue.milestones_required', `a time limit of ${limitText(limit)} needs a milestone plan (required from ${limitText(from)})`, {
    field: 'milestones',
    details: { milestonesRequiredFrom: from },
  });
}

/** 列单: the dispatcher sets the four elements, defaults from the enterprise's assignment. */
export const list: IssueCommand<ListIssueInput> = {
  type: 'list',
  async event(ctx, input) {
    const { trx, issue, now } = ctx;
    const assignment = await trx.selectFrom('assignments').selectAll().where('enterprise_id', '=', issue.enterprise_id).executeTakeFirst();
    // A problem handed over from a key project (即刻交办) defaults to the project's leader and unit.
    const project = issue.project_id ? await trx.selectFrom('projects').select(['leader_id', 'unit_id']).where('id', '=', issue.project_id).executeTakeFirst() : undefined;
    const leaderId = input.leaderId ?? project?.leader_id ?? assignment?.leader_id;
    const leadUnitId = input.leadUnitId ?? project?.unit_id ?? assignment?.unit_id;
    if (!leaderId) throw new DomainError('validation.required', 'the enterprise has no assigned leader: name one', { field: 'leaderId' });
    if (!leadUnitId) throw new DomainError('validation.required', 'the enterprise has no assigned unit: name one', { field: 'leadUnitId' });
    if (!(await trx.selectFrom('leaders').select('id').where('id', '=', leaderId).executeTakeFirst())) throw unknownReference('leaderId', 'leader');
    await assertUnit(ctx, leadUnitId, 'leadUnitId');
    for (const [i, unitId] of input.assistingUnitIds.entries()) await assertUnit(ctx, unitId, `assistingUnitIds.${i}`);
    input.milestones.forEach((m, i) => {
      if (Date.parse(milestoneDue(ctx, m.dueAt)) <= now.getTime()) {
        throw new DomainError('validation.invalid', 'a milestone is due in the future', { field: `milestones.${i}.dueAt` });
      }
    });
    const own = await categoryOf(ctx, false);
    // Flagged green in an ordinary category, the issue runs on the green channel's limits.
    const greenChannel = input.greenChannel ?? own.green_channel;
    const category = await categoryOf(ctx, greenChannel);
    const limit = input.timeLimit ?? category.handling_limit;
    if (input.milestones.length === 0) assertNoPlanNeeded(ctx, limit, category);
    // Provisional, as if dispatched now: the dispatch sets the real ones.
    const assistDue = assistDueBefore(ctx.deps.calendar, now, new Date(dueAfter(ctx, now, limit)), category.assist_margin ?? DEFAULT_ASSIST_MARGIN, limit).toISOString();
    return {
      type: 'list',
      actor: ctx.actor,
      at: now.toISOString(),
      leaderId,
      leadUnitId,
      assists: input.assistingUnitIds.map((unitId) => ({ unitId, dueAt: assistDue, answered: false })),
      greenChannel,
      pendingDocuments: input.pendingDocuments.length,
    };
  },
  async record(ctx, input, next) {
    const { trx, issue, now } = ctx;
    const category = await categoryOf(ctx, next.context.greenChannel);
    const timeLimit = input.timeLimit ?? category.handling_limit;
    // Listing again before dispatch replaces the plan (one statement, as it is seldom there).
    await trx
      .with('assists', (db) => db.deleteFrom('issue_assists').where('issue_id', '=', issue.id))
      .with('plan', (db) => db.deleteFrom('milestones').where('issue_id', '=', issue.id))
      .deleteFrom('pending_documents')
      .where('issue_id', '=', issue.id)
      .where('supplied_at', 'is', null)
      .execute();
    const assists = next.context.assists;
    if (assists.length) {
      await trx
        .insertInto('issue_assists')
        .values(assists.map((t) => ({ issue_id: issue.id, unit_id: t.unitId, due_at: t.dueAt })))
        .execute();
    }
    if (input.milestones.length) {
      await trx
        .insertInto('milestones')
        .values(input.milestones.map((m, i) => ({ issue_id: issue.id, seq: i + 1, title: m.title, due_at: milestoneDue(ctx, m.dueAt) })))
        .execute();
    }
    const supplementDue = dueAfter(ctx, now, category.supplement_limit);
    if (input.pendingDocuments.length) {
      await trx
        .insertInto('pending_documents')
        .values(input.pendingDocuments.map((d) => ({ issue_id: issue.id, name: d.name, due_at: supplementDue })))
        .execute();
    }
    const c = next.context;
    return {
      // Only a limit the dispatcher chose is the issue's own; otherwise the category's applies, and a
      // change to the category's policy moves the issue's clocks with it.
      columns: { time_limit: input.timeLimit ? JSON.stringify(input.timeLimit) : null },
      payload: {
        leaderId: c.leaderId,
        leadUnitId: c.leadUnitId,
        assistingUnitIds: input.assistingUnitIds,
        timeLimit,
        milestones: input.milestones,
        pendingDocuments: input.pendingDocuments,
        greenChannel: c.greenChannel,
      },
      visibleToEnterprise: true,
      notices: [
        // 分包领导 hears of every item listed for their enterprises, before the unit is asked to claim it.
        {
          audience: [{ leader: c.leaderId ?? '' }],
          subject: `【列单】${issue.number} ${issue.title}`,
          text: `您分包联系的企业反映的问题已列单，主办单位将于派单后签收办理。办理时限${limitText(timeLimit)}。`,
        },
        ...(input.pendingDocuments.length
          ? [
              {
                audience: [{ enterprise: issue.enterprise_id }],
                subject: `【容缺受理】${issue.number} 请于 ${shanghaiText(supplementDue)} 前补齐材料`,
                text: `您反映的问题「${issue.title}」已容缺受理，请于 ${shanghaiText(supplementDue)} 前补齐：${input.pendingDocuments.map((d) => d.name).join('、')}。`,
              },
            ]
          : []),
      ],
    };
  },
};

/**
 * 派单: the unit's claim and handling clocks and the assisting units' clocks all start now. Each
 * assisting unit is due before the lead unit, by the dispatcher's choice or the category's margin.
 * @throws DomainError `issue.assist_due_after_lead` (422, naming `assists.N.dueAt`), `reference.unknown` for a unit not assisting
 */
export const dispatch: IssueCommand<z.infer<typeof DispatchInput>> = {
  type: 'dispatch',
  async event(ctx, input) {
    const category = await categoryOf(ctx);
    const limit = ctx.issue.time_limit ?? category.handling_limit;
    const handlingDueAt = dueAfter(ctx, ctx.now, limit);
    const chosen = new Map<string, string>();
    for (const [i, t] of (input.assists ?? []).entries()) {
      if (!ctx.snapshot.context.assists.some((a) => a.unitId === t.unitId)) throw unknownReference(`assists.${i}.unitId`, 'assisting unit of this issue');
      const at = Date.parse(t.dueAt);
      if (at <= ctx.now.getTime() || at >= Date.parse(handlingDueAt)) {
        throw new DomainError('issue.assist_due_after_lead', `an assisting unit's due time falls after now and before the lead unit's, ${shanghaiText(handlingDueAt)}`, {
          field: `assists.${i}.dueAt`,
        });
      }
      chosen.set(t.unitId, new Date(at).toISOString());
    }
    const byDefault = assistDueBefore(ctx.deps.calendar, ctx.now, new Date(handlingDueAt), category.assist_margin ?? DEFAULT_ASSIST_MARGIN, limit).toISOString();
    return {
      type: 'dispatch',
      actor: ctx.actor,
      at: ctx.now.toISOString(),
      claimDueAt: dueAfter(ctx, ctx.now, category.claim_limit),
      handlingDueAt,
      assists: ctx.snapshot.context.assists.map((t) => ({ unitId: t.unitId, dueAt: chosen.get(t.unitId) ?? byDefault })),
    };
  },
  async record(ctx, input, next) {
    const c = next.context;
    const { issue } = ctx;
    for (const t of c.assists) await ctx.trx.updateTable('issue_assists').set({ due_at: t.dueAt }).where('issue_id', '=', issue.id).where('unit_id', '=', t.unitId).execute();
    const chosen = new Set((input.assists ?? []).map((t) => t.unitId));
    return {
      payload: { claimDueAt: c.claimDueAt, handlingDueAt: c.handlingDueAt, assists: c.assists.map((t) => ({ unitId: t.unitId, dueAt: t.dueAt, chosen: chosen.has(t.unitId) })) },
      visibleToEnterprise: true,
      notices: [
        {
          audience: [{ unit: c.leadUnitId ?? '' }],
          subject: `【待签收】${issue.number} ${issue.title}`,
          text: `请于 ${shanghaiText(c.claimDueAt)} 前签收，${shanghaiText(c.handlingDueAt)} 前办结答复。\n\n${issue.description}`,
        },
        // Each assisting unit hears its own due time.
        ...c.assists.map((t) => ({
          audience: [{ unit: t.unitId }],
          subject: `【协办】${issue.number} ${issue.title}`,
          text: `贵单位为协办单位，请于 ${shanghaiText(t.dueAt)} 前向主办单位反馈意见（主办单位答复时限 ${shanghaiText(c.handlingDueAt)}）。`,
        })),
        // 首问责任 ends here: the official who recorded the problem hears where it went.
        ...(issue.first_responder_id
          ? [
              {
                audience: [{ official: issue.first_responder_id }],
                subject: `【首问已派发】${issue.number} ${issue.title}`,
                text: `您首问受理的问题已派发主办单位办理，${shanghaiText(c.handlingDueAt)} 前答复企业。此后由主办单位负责。`,
              },
            ]
          : []),
        {
          audience: [{ enterprise: issue.enterprise_id }],
          subject: `【已派发】${issue.number} 预计 ${shanghaiText(c.handlingDueAt)} 前答复`,
          text: `您反映的问题「${issue.title}」已派发责任单位办理，预计 ${shanghaiText(c.handlingDueAt)} 前答复。`,
        },
      ],
    };
  },
};

/**
 * A duplicate of an open issue is linked to it, not handled twice; the enterprise is told. Named
 * as the duplicate of a duplicate, it links to the real original (followed through the chain).
 */
export const markDuplicate: IssueCommand<z.infer<typeof MarkDuplicateInput>> = {
  type: 'markDuplicate',
  async event(ctx, input) {
    // Named by its number (工单号) as people have it, or by its id.
    const field = input.duplicateOfNumber !== undefined ? 'duplicateOfNumber' : 'duplicateOf';
    let original = await ctx.trx
      .selectFrom('issues')
      .select(['id', 'enterprise_id', 'closed_at', 'duplicate_of'])
      .$if(input.duplicateOfNumber !== undefined, (q) => q.where('number', '=', input.duplicateOfNumber ?? ''))
      .$if(input.duplicateOfNumber === undefined, (q) => q.where('id', '=', input.duplicateOf ?? ''))
      .executeTakeFirst();
    if (!original || original.enterprise_id !== ctx.issue.enterprise_id) throw unknownReference(field, 'issue of the same enterprise');
    for (let hops = 0; original?.duplicate_of && hops < 20; hops += 1) {
      original = await ctx.trx.selectFrom('issues').select(['id', 'enterprise_id', 'closed_at', 'duplicate_of']).where('id', '=', original.duplicate_of).executeTakeFirst();
    }
    if (!original || original.closed_at) throw new DomainError('issue.duplicate_of_closed', 'the original issue is already closed: handle this one', { field });
    if (original.id === ctx.issue.id) throw new DomainError('issue.duplicate_of_itself', 'that issue is a duplicate of this one', { field });
    return { type: 'markDuplicate', actor: ctx.actor, at: ctx.now.toISOString(), duplicateOf: original.id };
  },
  async record(ctx, input, next) {
    const original = await ctx.trx
      .selectFrom('issues')
      .select('number')
      .where('id', '=', next.context.duplicateOf ?? input.duplicateOf ?? '')
      .executeTakeFirstOrThrow();
    return {
      payload: { duplicateOf: next.context.duplicateOf, duplicateOfNumber: original.number, note: input.note ?? null },
      visibleToEnterprise: true,
      notices: [
        {
          audience: [{ enterprise: ctx.issue.enterprise_id }],
          subject: `【合并办理】${ctx.issue.number} 与 ${original.number} 合并`,
          text: `您反映的「${ctx.issue.title}」与此前的 ${original.number} 是同一问题，将合并办理，请在 ${original.number} 中跟踪进度。`,
        },
      ],
    };
  },
};
