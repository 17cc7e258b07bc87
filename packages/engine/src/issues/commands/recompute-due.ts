import { shanghaiText } from '@huiyin/calendar';
import { DomainError, type Notice } from '@huiyin/domain';
import { stateOf } from '@huiyin/issue-workflow';
import type { IssueCommand } from '../execute-command.ts';

import { dueChanges, dueTimesByRule, type DueChange } from '../../clocks/due-by-rule.ts';

/** Why due times were recomputed: the category's policy or the working calendar changed. */
export type RecomputeReason = 'category_policy' | 'calendar';

export type RecomputeDueInput = { reason: RecomputeReason; expectedVersion?: number };

/** Thrown by the event builder when the rules give the due times the issue already has: nothing is written. */
export const DUE_UNCHANGED = 'issue.due_unchanged';

const REASON_TEXT: Record<RecomputeReason, string> = { category_policy: '办理时限政策调整', calendar: '法定节假日安排调整' };

/**
 * The system moves the running clocks' due times (claim, handling, assist, rating, and the
 * documents owed for the supplement clock) to what the rules now give (`dueTimesByRule`),
 * as one ledger event with the previous and new times and the reason. Results already recorded
 * in `timeliness` are not touched. Nothing changed: `issue.due_unchanged`, and the transaction
 * writes nothing.
 */
export const recomputeDue: IssueCommand<RecomputeDueInput> = {
  type: 'recomputeDue',
  async event(ctx) {
    const changes = dueChanges(await dueTimesByRule(ctx.trx, ctx.deps.calendar, ctx.issue), ctx.snapshot.context);
    if (changes.length === 0) throw new DomainError(DUE_UNCHANGED, 'the rules give the due times the issue already has');
    const at = (clock: DueChange['clock']) => changes.find((c) => c.clock === clock)?.dueAt;
    const listingDueAt = at('listing');
    const claimDueAt = at('claim');
    const handlingDueAt = at('handling');
    const ratingDueAt = at('rating');
    const assists = changes.filter((c) => c.clock === 'assist').map((c) => ({ unitId: c.unitId ?? '', dueAt: c.dueAt }));
    // The supplement clock's due time lives on the owed documents, written by `record`.
    return {
      type: 'recomputeDue',
      actor: ctx.actor,
      at: ctx.now.toISOString(),
      ...(listingDueAt ? { listingDueAt } : {}),
      ...(claimDueAt ? { claimDueAt } : {}),
      ...(handlingDueAt ? { handlingDueAt } : {}),
      ...(assists.length ? { assists } : {}),
      ...(ratingDueAt ? { ratingDueAt } : {}),
    };
  },
  async record(ctx, input, next) {
    const { trx, issue } = ctx;
    const { listingDueAt, claimDueAt, handlingDueAt, ratingDueAt, assists: tasks } = next.context;
    // The documents owed are not in the machine's context: read what the rules give them again.
    const { supplement } = await dueTimesByRule(trx, ctx.deps.calendar, issue);
    const changes = dueChanges(
      {
        ...(listingDueAt ? { listingDueAt } : {}),
        ...(claimDueAt ? { claimDueAt } : {}),
        ...(handlingDueAt ? { handlingDueAt } : {}),
        ...(ratingDueAt ? { ratingDueAt } : {}),
        ...(supplement ? { supplement } : {}),
        assists: tasks,
      },
      ctx.snapshot.context,
    );
    for (const t of changes) {
      if (t.clock === 'assist')
        await trx
          .updateTable('issue_assists')
          .set({ due_at: new Date(t.dueAt) })
          .where('issue_id', '=', issue.id)
          .where('unit_id', '=', t.unitId ?? '')
          .execute();
      // Written before the clocks are synced, which run the supplement clock to the earliest document owed.
      if (t.clock === 'supplement')
        await trx
          .updateTable('pending_documents')
          .set({ due_at: new Date(t.dueAt) })
          .where('issue_id', '=', issue.id)
          .where('supplied_at', 'is', null)
          .execute();
    }
    const handling = changes.find((c) => c.clock === 'handling');
    const claim = changes.find((c) => c.clock === 'claim');
    const why = REASON_TEXT[input.reason];
    const notices: Notice[] = [];
    if (issue.lead_unit_id && (claim || handling)) {
      const lines = [claim && `签收时限：${shanghaiText(claim.dueAt)}`, handling && `办理时限：${shanghaiText(handling.dueAt)}`].filter(Boolean).join('\n');
      notices.push({ audience: [{ unit: issue.lead_unit_id }], subject: `【时限调整】${issue.number} ${issue.title}`, text: `因${why}，时限重新计算：\n${lines}` });
    }
    const assists = changes.filter((c) => c.clock === 'assist');
    if (assists.length) {
      notices.push({
        audience: assists.map((c) => ({ unit: c.unitId ?? '' })),
        subject: `【协办时限调整】${issue.number} ${issue.title}`,
        text: `因${why}，协办反馈时限调整为 ${shanghaiText(assists[0]?.dueAt ?? null)}。`,
      });
    }
    // While the enterprise owes information the answer date is not running: its resume will tell.
    if (handling && stateOf(ctx.snapshot) !== 'inProgress.waitingOnEnterprise') {
      notices.push({
        audience: [{ enterprise: issue.enterprise_id }],
        subject: `【办理时限调整】${issue.number}`,
        text: `因${why}，「${issue.title}」的答复时限调整为 ${shanghaiText(handling.dueAt)}。`,
      });
    }
    const rating = changes.find((c) => c.clock === 'rating');
    if (rating) {
      notices.push({
        audience: [{ enterprise: issue.enterprise_id }],
        subject: `【评价时限调整】${issue.number}`,
        text: `因${why}，「${issue.title}」的评价时限调整为 ${shanghaiText(rating.dueAt)}。`,
      });
    }
    const documents = changes.find((c) => c.clock === 'supplement');
    if (documents) {
      notices.push({
        audience: [{ enterprise: issue.enterprise_id }],
        subject: `【补齐材料时限调整】${issue.number}`,
        text: `因${why}，「${issue.title}」容缺材料的补齐时限调整为 ${shanghaiText(documents.dueAt)}。`,
      });
    }
    return {
      payload: { reason: input.reason, changes },
      // The enterprise sees its own dates (answer, rating, documents); claim and assist times are the units' business.
      visibleToEnterprise: handling !== undefined || rating !== undefined || documents !== undefined,
      notices,
    };
  },
};
