import type { Kysely } from 'kysely';
import { type ClockKind, DEFAULT_ASSIST_MARGIN, handlingLimitOf, isPlainTime, listingLimitOf } from '@huiyin/domain';
import { assistDueBefore } from './assist-due.ts';
import type { TimeLimit, WorkingCalendar } from '@huiyin/calendar';
import type { IssueContext } from '@huiyin/issue-workflow';
import type { Database, IssueRow } from '@huiyin/store';
import { limitsFor } from './policy.ts';

/**
 * Due times of the claim, handling, assist and rating clocks (ISO strings), and of the documents
 * still owed for the supplement clock with the due time they have now (it lives on
 * `pending_documents`, not in the machine's context); a clock not running is absent.
 */
export type DueTimes = {
  listingDueAt?: string;
  claimDueAt?: string;
  handlingDueAt?: string;
  assists: Array<{ unitId: string; dueAt: string }>;
  ratingDueAt?: string;
  supplement?: { dueAt: string; previousDueAt: string | null };
};

/** What a recompute would move: each clock's due time before and after. */
export type DueChange = { clock: ClockKind; unitId?: string; previousDueAt: string | null; dueAt: string };

/** The clocks a recompute moves. */
export const RECOMPUTED_CLOCKS = ['listing', 'claim', 'handling', 'assist', 'rating', 'supplement'] as const;

/** The events that start fresh claim and handling clocks, the assist tasks' and documents' start, the rating clock's, and what moves them. */
const LEDGER_TYPES = ['file', 'list', 'dispatch', 'ruleReturn', 'rate', 'approveExtension', 'requestInfo', 'supplyInfo', 'resumeHandling', 'reviewAnswer', 'signOff', 'ratingTimeout'];
/** Events after which the issue rests `resolved` started the rating clock: an answer delivered, or the enterprise invited again. */
const RATING_STARTS = ['reviewAnswer', 'signOff', 'ratingTimeout'];

/**
 * The due times of an issue's running or paused claim, handling, assist, rating and supplement
 * clocks as the rules give them today (the category's policy, the working calendar), replayed from the ledger:
 *
 * - claim and handling start at the last event that gave fresh clocks: the dispatch, an upheld
 *   return's re-dispatch, or a reopening (not the clock row's start: a denied return restarts the
 *   claim clock row with its old due time);
 * - listing = the category's listing limit (`listingLimitOf`) from the filing;
 * - claim and handling limits are the category's, or the green channel's for a green-flagged
 *   issue in an ordinary category (`limitsFor`);
 * - handling = the limit in force (`issue.time_limit`, else the category's) from that start, then
 *   in ledger order each approved extension added to the due time and each completed pause
 *   (information requested, then supplied or handling resumed) added as the credit its resume
 *   recorded (working time, or wall-clock time for a plain-time limit, capped by the pause
 *   allowance); a pause still open adds nothing: its resume will;
 * - an assisting unit's task = the due time the dispatcher chose for it, else the lead's due time
 *   at the last dispatch less the category's `assistMargin` (`assistDueBefore`);
 * - the rating clock = the category's rating limit from the last event that left the issue
 *   resolved (the answer delivered, or the enterprise invited again after a timeout);
 * - each document still owed (容缺) = the category's supplement limit from the last listing,
 *   which set the plan; the supplement clock runs to the earliest of them.
 *
 * With the rules unchanged this gives back exactly what the commands computed.
 */
export async function dueTimesByRule(db: Kysely<Database>, calendar: WorkingCalendar, issue: IssueRow): Promise<DueTimes> {
  const clocks = await db
    .selectFrom('clocks')
    .select(['kind', 'subject'])
    .where('issue_id', '=', issue.id)
    .where('status', 'in', ['running', 'paused'])
    .where('kind', 'in', [...RECOMPUTED_CLOCKS])
    .execute();
  const events = await db.selectFrom('issue_events').select(['type', 'at', 'payload', 'state_after']).where('issue_id', '=', issue.id).where('type', 'in', LEDGER_TYPES).orderBy('seq').execute();
  const own = await db
    .selectFrom('categories')
    .select(['green_channel', 'claim_limit', 'handling_limit', 'rating_limit', 'supplement_limit', 'assist_margin', 'listing_limit'])
    .where('id', '=', issue.category_id)
    .executeTakeFirstOrThrow();
  const payload = (e: (typeof events)[number]) => (e.payload ?? {}) as Record<string, unknown>;
  const dispatched = events.findLast((e) => e.type === 'dispatch');
  // An issue dispatched before the green flag took the green channel's limits and assist clocks
  // started at dispatch (its dispatch recorded no `assists`) is replayed by the rules it ran on.
  const current = dispatched === undefined || 'assists' in payload(dispatched);
  const category = current ? await limitsFor(db, own, issue.green_channel) : own;
  const out: DueTimes = { assists: [] };
  const limit = handlingLimitOf(issue, category.handling_limit);
  const freshClocks = (e: (typeof events)[number]) => e.type === 'dispatch' || (e.type === 'ruleReturn' && payload(e)['upheld'] === true) || (e.type === 'rate' && e.state_after === 'reopened');
  const startIndex = events.findLastIndex(freshClocks);
  const start = events[startIndex];
  const running = (kind: string) => clocks.some((c) => c.kind === kind);

  const filed = events.find((e) => e.type === 'file');
  // As filing set it: by the category's own channel (a green flag at listing does not move it).
  if (filed && running('listing')) out.listingDueAt = calendar.addLimit(filed.at, listingLimitOf(own, own.green_channel)).toISOString();
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
        // The credit recorded at the time (the pause allowance may have capped it); ledgers from
        // before the allowance recorded none and credited the whole pause.
        const recorded = payload(e)['pausedMs'];
        const plain = isPlainTime(limit);
        const credit = typeof recorded === 'number' ? recorded : plain ? e.at.getTime() - pausedAt.getTime() : calendar.workingMsBetween(pausedAt, e.at);
        due = plain ? new Date(due.getTime() + credit) : calendar.addWorkingMs(due, credit);
        pausedAt = null;
      }
    }
    out.handlingDueAt = due.toISOString();
  }
  const listed = events.findLast((e) => e.type === 'list');
  if (dispatched && !current && listed) {
    const taskDue = calendar.addLimit(listed.at, limit).toISOString();
    for (const c of clocks) if (c.kind === 'assist') out.assists.push({ unitId: c.subject, dueAt: taskDue });
  } else if (dispatched) {
    // A due time the dispatcher chose stands; the others are the lead's due less the margin.
    const chosen = new Map(((payload(dispatched)['assists'] ?? []) as Array<{ unitId: string; dueAt: string; chosen: boolean }>).filter((t) => t.chosen).map((t) => [t.unitId, t.dueAt]));
    const byDefault = assistDueBefore(calendar, dispatched.at, calendar.addLimit(dispatched.at, limit), own.assist_margin ?? DEFAULT_ASSIST_MARGIN, limit).toISOString();
    for (const c of clocks) if (c.kind === 'assist') out.assists.push({ unitId: c.subject, dueAt: chosen.get(c.subject) ?? byDefault });
  }
  const rated = events.findLast((e) => RATING_STARTS.includes(e.type) && e.state_after === 'resolved');
  if (rated && running('rating')) out.ratingDueAt = calendar.addLimit(rated.at, category.rating_limit).toISOString();
  if (listed && running('supplement')) {
    const owed = await db
      .selectFrom('pending_documents')
      .select((eb) => eb.fn.min('due_at').as('due'))
      .where('issue_id', '=', issue.id)
      .where('supplied_at', 'is', null)
      .executeTakeFirst();
    const was = (owed?.due as Date | null | undefined) ?? null;
    out.supplement = { dueAt: calendar.addLimit(listed.at, category.supplement_limit).toISOString(), previousDueAt: was ? new Date(was).toISOString() : null };
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
  if (rule.listingDueAt && moved(context.listingDueAt ?? null, rule.listingDueAt)) changes.push({ clock: 'listing', previousDueAt: context.listingDueAt ?? null, dueAt: rule.listingDueAt });
  if (rule.claimDueAt && moved(context.claimDueAt, rule.claimDueAt)) changes.push({ clock: 'claim', previousDueAt: context.claimDueAt, dueAt: rule.claimDueAt });
  if (rule.handlingDueAt && moved(context.handlingDueAt, rule.handlingDueAt)) changes.push({ clock: 'handling', previousDueAt: context.handlingDueAt, dueAt: rule.handlingDueAt });
  for (const t of rule.assists) {
    const task = context.assists.find((a) => a.unitId === t.unitId);
    if (task && !task.answered && moved(task.dueAt, t.dueAt)) changes.push({ clock: 'assist', unitId: t.unitId, previousDueAt: task.dueAt, dueAt: t.dueAt });
  }
  if (rule.ratingDueAt && moved(context.ratingDueAt, rule.ratingDueAt)) changes.push({ clock: 'rating', previousDueAt: context.ratingDueAt, dueAt: rule.ratingDueAt });
  const doc = rule.supplement;
  if (doc && moved(doc.previousDueAt, doc.dueAt)) changes.push({ clock: 'supplement', previousDueAt: doc.previousDueAt, dueAt: doc.dueAt });
  return changes;
}
