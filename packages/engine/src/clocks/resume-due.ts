import type { Tx } from '@huiyin/store';
import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import { isPlainTime } from '@huiyin/domain';
import { limitBoundsOf } from './policy.ts';

type PausingIssue = { id: string; category_id: string; green_channel: boolean; handling_due_at: Date | null; time_limit: TimeLimit | null };

/** The issue's pause rules: whether its handling limit pauses by the wall clock, and its allowance in that measure. */
async function pauseRules(trx: Tx, calendar: WorkingCalendar, issue: PausingIssue, from: Date) {
  const { handlingLimit: limit, maxPause } = await limitBoundsOf(trx, issue);
  const plain = isPlainTime(limit);
  const end = calendar.addLimit(from, maxPause);
  return { plain, allowanceMs: plain ? end.getTime() - from.getTime() : calendar.workingMsBetween(from, end) };
}

/** Paused time already credited to the issue's handling clocks, in their measure. */
async function creditedMs(trx: Tx, issueId: string): Promise<number> {
  const row = await trx
    .selectFrom('clocks')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('paused_ms'), eb.val('0')).as('ms'))
    .where('issue_id', '=', issueId)
    .where('kind', '=', 'handling')
    .executeTakeFirst();
  return Number(row?.ms ?? 0);
}

/**
 * When a pause that starts now must end at the latest (docs/domain.md#limit-bounds): the
 * category's `maxPause` (default: the handling limit in force), less the paused time already
 * credited to this issue. The worker resumes the clock then if the enterprise has not answered.
 */
export async function pauseEndsBy(trx: Tx, calendar: WorkingCalendar, issue: PausingIssue, now: Date): Promise<Date> {
  const rules = await pauseRules(trx, calendar, issue, now);
  const left = Math.max(0, rules.allowanceMs - (await creditedMs(trx, issue.id)));
  return rules.plain ? new Date(now.getTime() + left) : calendar.addWorkingMs(now, left);
}

/**
 * The handling due time once a pause ends: the paused time is added, as working time for limits
 * in working days or hours and as wall-clock time for plain-time limits (the issue's limit in
 * force), but never more than is left of the pause allowance. The credit is recorded on the clock
 * so the next pause has only the rest.
 */
export async function resumedHandlingDue(trx: Tx, calendar: WorkingCalendar, issue: PausingIssue, now: Date): Promise<{ handlingDueAt: string; pausedMs: number }> {
  const due = issue.handling_due_at ?? now;
  const clock = await trx.selectFrom('clocks').select(['id', 'paused_at']).where('issue_id', '=', issue.id).where('kind', '=', 'handling').where('status', '=', 'paused').executeTakeFirst();
  if (!clock?.paused_at) return { handlingDueAt: due.toISOString(), pausedMs: 0 };
  const rules = await pauseRules(trx, calendar, issue, clock.paused_at);
  const span = rules.plain ? now.getTime() - clock.paused_at.getTime() : calendar.workingMsBetween(clock.paused_at, now);
  const pausedMs = Math.max(0, Math.min(span, rules.allowanceMs - (await creditedMs(trx, issue.id))));
  await trx
    .updateTable('clocks')
    .set((eb) => ({ paused_ms: eb('paused_ms', '+', String(pausedMs)) }))
    .where('id', '=', clock.id)
    .execute();
  const handlingDueAt = rules.plain ? new Date(due.getTime() + pausedMs) : pausedMs > 0 ? calendar.addWorkingMs(due, pausedMs) : due;
  return { handlingDueAt: handlingDueAt.toISOString(), pausedMs };
}
