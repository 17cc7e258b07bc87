import type { Tx } from '@huiyin/store';
import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import { clockPolicyOf } from './policy.ts';
import { handlingLimitOf, isPlainTime } from '@huiyin/domain';

/**
 * The handling due time once a pause ends: the paused time is added, as working time for limits
 * in working days or hours and as wall-clock time for plain-time limits (the issue's limit in force).
 */
export async function resumedHandlingDue(
  trx: Tx,
  calendar: WorkingCalendar,
  issue: { id: string; category_id: string; handling_due_at: Date | null; time_limit: TimeLimit | null },
  now: Date,
): Promise<string> {
  const due = issue.handling_due_at ?? now;
  const clock = await trx.selectFrom('clocks').select(['paused_at']).where('issue_id', '=', issue.id).where('kind', '=', 'handling').where('status', '=', 'paused').executeTakeFirst();
  if (!clock?.paused_at) return due.toISOString();
  if (isPlainTime(handlingLimitOf(issue, (await clockPolicyOf(trx, issue.category_id)).handlingLimit))) return new Date(due.getTime() + (now.getTime() - clock.paused_at.getTime())).toISOString();
  return calendar.addWorkingMs(due, calendar.workingMsBetween(clock.paused_at, now)).toISOString();
}
