import { statePath, type IssueEvent, type IssueSnapshot } from '@huiyin/issue-workflow';
import type { WorkingCalendar } from '@huiyin/calendar';
import type { Tx } from '@huiyin/store';
import type { IssueRow } from '@huiyin/store';
import { clockPolicyOf } from './policy.ts';

type Row = { what: 'claim' | 'first_contact' | 'answer' | 'assist'; unit_id: string | null; due_at: Date; done_at: Date };

/**
 * Whether a step was on time, written at the transition and never rewritten (the table refuses
 * updates): later edits, a policy change or a reopening leave it as it was. `round` is the
 * reopening it belongs to.
 */
export async function recordTimeliness(trx: Tx, calendar: WorkingCalendar, issue: IssueRow, prev: IssueSnapshot, next: IssueSnapshot, event: IssueEvent, now: Date): Promise<void> {
  const c = prev.context;
  const unitOf = () => (event.actor.kind === 'official' ? event.actor.unitId : null);
  const rows: Row[] = [];
  if (event.type === 'claim' && c.claimDueAt) rows.push({ what: 'claim', unit_id: c.leadUnitId, due_at: new Date(c.claimDueAt), done_at: now });
  if (event.type === 'recordFirstContact' && c.claimedAt) {
    const { track } = await clockPolicyOf(trx, issue.category_id, issue.green_channel);
    rows.push({ what: 'first_contact', unit_id: c.leadUnitId, due_at: calendar.addLimit(new Date(c.claimedAt), track.firstContactLimit), done_at: now });
  }
  if ((event.type === 'reviewAnswer' || event.type === 'signOff') && statePath(next) === 'resolved' && c.handlingDueAt) {
    rows.push({ what: 'answer', unit_id: c.leadUnitId, due_at: new Date(c.handlingDueAt), done_at: now });
  }
  if (event.type === 'answerAssist') {
    const task = c.assists.find((t) => t.unitId === unitOf());
    if (task) rows.push({ what: 'assist', unit_id: task.unitId, due_at: new Date(task.dueAt), done_at: now });
  }
  if (rows.length === 0) return;
  await trx
    .insertInto('timeliness')
    .values(rows.map((r) => ({ ...r, issue_id: issue.id, on_time: r.done_at <= r.due_at, round: c.reopenCount })))
    .execute();
}
