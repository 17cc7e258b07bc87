import type { Kysely } from 'kysely';
import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import type { IssueContext } from '@huiyin/issue-workflow';
import type { Database, IssueRow } from '../schema.ts';
import { handlingLimitOf, isPlainTime } from './policy.ts';

/** Due times of the claim, handling and assist clocks (ISO strings); a clock not running is absent. */
export type DueTimes = { claimDueAt?: string; handlingDueAt?: string; assists: Array<{ unitId: string; dueAt: string }> };

/** What a recompute would move: each clock's due time before and after. */
export type DueChange = { clock: 'claim' | 'handling' | 'assist'; unitId?: string; previousDueAt: string | null; dueAt: string };

/** The events that start fresh claim and handling clocks, the assist tasks' start, and what moves them. */
const LEDGER_TYPES = ['list', 'dispatch', 'ruleReturn', 'rate', 'approveExtension', 'requestInfo', 'supplyInfo', 'resumeHandling'];

/**
 * The due times of an issue's running or paused claim, handling and assist clocks as the rules
 * give them today (the category's policy, the working calendar), replayed from the ledger:
 *
 * - claim and handling start at the last event that gave fresh clocks: the dispatch, an upheld
 *   return's re-dispatch, or a reopening (not the clock row's start: a denied return restarts the
 *   claim clock row with its old due time);
 * - handling = the limit in force (`issue.time_limit`, else the category's) from that start, then
 *   in ledger order each approved extension added to the due time and each completed pause
 *   (information requested, then supplied or handling resumed) added as working time, or as
 *   wall-clock time for a plain-time limit; a pause still open adds nothing: its resume will;
 * - an assisting unit's task = the same limit from the last listing.
 *
 * With the rules unchanged this gives back exactly what the commands computed.
 */
export async function dueTimesByRule(db: Kysely<Database>, calendar: WorkingCalendar, issue: IssueRow): Promise<DueTimes> {
  const clocks = await db.selectFrom('clocks').select(['kind', 'subject']).where('issue_id', '=', issue.id).where('status', 'in', ['running', 'paused']).where('kind', 'in', ['claim', 'handling', 'assist']).execute();
  const events = await db.selectFrom('issue_events').select(['type', 'at', 'payload', 'state_after']).where('issue_id', '=', issue.id).where('type', 'in', LEDGER_TYPES).orderBy('seq').execute();
  const category = await db.selectFrom('categories').select(['claim_limit', 'handling_limit']).where('id', '=', issue.category_id).executeTakeFirstOrThrow();
  const out: DueTimes = { assists: [] };
  const limit = handlingLimitOf(issue, category.handling_limit);
  const payload = (e: (typeof events)[number]) => (e.payload ?? {}) as Record<string, unknown>;
  const freshClocks = (e: (typeof events)[number]) =>
    e.type === 'dispatch' || (e.type === 'ruleReturn' && payload(e)['upheld'] === true) || (e.type === 'rate' && e.state_after === 'reopened');
  const startIndex = events.findLastIndex(freshClocks);
  const start = events[startIndex];
  const running = (kind: string) => clocks.some((c) => c.kind === kind);

  if (start && running('claim')) out.claimDueAt = calendar.addLimit(start.at, category.claim_limit).toISOString();
  if (start && running('handling')) {
    const amounts = await approvedAmounts(db, issue.id);
    let due = calendar.addLimit(start.at, limit);
    let pausedAt: Date | null = null;
    for (const e of events.slice(startIndex + 1)) {
      if (e.type === 'approveExtension') {
        const amount = amounts.get(String(payload(e)['extensionId']));
        if (amount) due = calendar.addLimit(due, amount);
      } else if (e.type === 'requestInfo') {
        pausedAt = e.at;
      } else if ((e.type === 'supplyInfo' || e.type === 'resumeHandling') && pausedAt) {
        due = isPlainTime(limit) ? new Date(due.getTime() + (e.at.getTime() - pausedAt.getTime())) : calendar.addWorkingMs(due, calendar.workingMsBetween(pausedAt, e.at));
        pausedAt = null;
      }
    }
    out.handlingDueAt = due.toISOString();
  }
  const listed = events.findLast((e) => e.type === 'list');
  if (listed) {
    const taskDue = calendar.addLimit(listed.at, limit).toISOString();
    for (const c of clocks) if (c.kind === 'assist') out.assists.push({ unitId: c.subject, dueAt: taskDue });
  }
  return out;
}

async function approvedAmounts(db: Kysely<Database>, issueId: string): Promise<Map<string, TimeLimit>> {
  const rows = await db.selectFrom('extensions').select(['id', 'amount']).where('issue_id', '=', issueId).where('decision', '=', 'approved').execute();
  return new Map(rows.map((r) => [r.id, r.amount]));
}

/** The clocks whose due time the rules now put elsewhere than the machine's context holds. */
export function dueChanges(rule: DueTimes, context: IssueContext): DueChange[] {
  const changes: DueChange[] = [];
  const moved = (was: string | null, now: string) => was === null || Date.parse(was) !== Date.parse(now);
  if (rule.claimDueAt && moved(context.claimDueAt, rule.claimDueAt)) changes.push({ clock: 'claim', previousDueAt: context.claimDueAt, dueAt: rule.claimDueAt });
  if (rule.handlingDueAt && moved(context.handlingDueAt, rule.handlingDueAt)) changes.push({ clock: 'handling', previousDueAt: context.handlingDueAt, dueAt: rule.handlingDueAt });
  for (const t of rule.assists) {
    const task = context.assists.find((a) => a.unitId === t.unitId);
    if (task && !task.answered && moved(task.dueAt, t.dueAt)) changes.push({ clock: 'assist', unitId: t.unitId, previousDueAt: task.dueAt, dueAt: t.dueAt });
  }
  return changes;
}
