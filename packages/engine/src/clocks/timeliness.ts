import { needsTrackForTimeliness, timelinessFacts, type IssueEvent, type IssueSnapshot } from '@huiyin/issue-workflow';
import type { WorkingCalendar } from '@huiyin/calendar';
import type { IssueRow, Tx } from '@huiyin/store';
import { clockPolicyOf } from './policy.ts';

/**
 * Writes the transition's timeliness facts (rules: `timelinessFacts`), once: the table refuses
 * updates, so later edits, a policy change or a reopening leave them as they were.
 */
export async function recordTimeliness(trx: Tx, calendar: WorkingCalendar, issue: IssueRow, prev: IssueSnapshot, next: IssueSnapshot, event: IssueEvent, now: Date): Promise<void> {
  const track = needsTrackForTimeliness(event) ? (await clockPolicyOf(trx, issue.category_id, issue.green_channel)).track : null;
  const facts = timelinessFacts(prev, next, event, now, calendar, track);
  if (facts.length === 0) return;
  await trx
    .insertInto('timeliness')
    .values(facts.map((f) => ({ issue_id: issue.id, what: f.what, unit_id: f.unitId, due_at: f.dueAt, done_at: f.doneAt, on_time: f.onTime, round: f.round })))
    .execute();
}
