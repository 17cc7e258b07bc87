import { worseStep, type AnyClockKind, type ClockStep } from '@huiyin/domain';
import { runningClocks, stateOf, type IssueEventType, type IssueSnapshot } from '@huiyin/issue-workflow';
import type { WorkingCalendar } from '@huiyin/calendar';
import { pauseEndsBy } from './resume-due.ts';
import { workingFrom } from './working-from.ts';
import { literal, type Tx, type IssueRow, type ClockRow } from '@huiyin/store';
import { clockPolicyOf } from './policy.ts';
import type { TimerRequest } from '../deps.ts';
import { clockKey, clockScheduler, reconcileClockRows, type DesiredClock } from './reconcile-clock-rows.ts';

/** The clocks the machine says run now, with the due times its context holds. */
async function desiredClocks(trx: Tx, calendar: WorkingCalendar, issue: IssueRow, next: IssueSnapshot, now: Date, active: readonly ClockRow[]): Promise<Map<string, DesiredClock>> {
  const c = next.context;
  const declared = runningClocks(next);
  const out = new Map<string, DesiredClock>();
  const put = (kind: AnyClockKind, subject: string, due: string | Date | null, status: 'running' | 'paused' | undefined) => {
    if (due && status) out.set(clockKey(kind, subject), { kind, subject, dueAt: new Date(due), status });
  };
  put('listing', '', c.listingDueAt ?? null, declared.listing);
  put('claim', '', c.claimDueAt, declared.claim);
  put('handling', '', c.handlingDueAt, declared.handling);
  const handling = out.get(clockKey('handling', ''));
  // A pause has an end: the allowance left, read when it starts (a running pause keeps its end).
  const pausing = handling?.status === 'paused' && !active.some((r) => r.kind === 'handling' && r.status === 'paused' && r.next_step_at);
  if (handling && pausing) handling.resumeBy = await pauseEndsBy(trx, calendar, issue, now);
  put('rating', '', c.ratingDueAt, declared.rating);
  // Assisting units' tasks run beside the lead unit's handling clock and pause with it.
  if (declared.handling) for (const t of c.assists) if (!t.answered) put('assist', t.unitId, t.dueAt, declared.handling);
  // Each milestone of the plan (节点计划) walks its own track while the unit handles the issue, as
  // a key project's milestone does; reported done, its clock stops.
  if (declared.handling) {
    const open = await trx.selectFrom('milestones').select(['id', 'due_at']).where('issue_id', '=', issue.id).where('done_at', 'is', null).execute();
    for (const m of open) put('milestone', m.id, m.due_at, 'running');
  }
  if (declared.supplement) {
    const doc = await trx
      .selectFrom('pending_documents')
      .select((eb) => eb.fn.min('due_at').as('due'))
      .where('issue_id', '=', issue.id)
      .where('supplied_at', 'is', null)
      .executeTakeFirst();
    put('supplement', '', (doc?.due as Date | null | undefined) ?? null, 'running');
  }
  return out;
}

/**
 * The events that give a new deadline, whose track starts afresh: an approved extension, an
 * upheld return's re-dispatch, a reopening (a rating that sends the issue back). A pause's end or
 * a recompute moves the due time but never rewinds steps already fired.
 */
const FRESH_DEADLINES = new Set<IssueEventType>(['approveExtension', 'ruleReturn', 'rate', 'dispatch']);

/**
 * Makes the issue's clock rows match what the machine declares, in the command's transaction:
 * starts, pauses, resumes, moves and stops clocks, and returns the timers to set after commit.
 * A stopped or moved clock gets a new version, so its old timers find nothing to do.
 */
export async function syncClocks(trx: Tx, calendar: WorkingCalendar, issue: IssueRow, next: IssueSnapshot, event: IssueEventType, now: Date): Promise<TimerRequest[]> {
  const active = await trx.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('status', '<>', literal('stopped')).forUpdate().execute();
  const desired = await desiredClocks(trx, calendar, issue, next, now, active);
  const { track } = await clockPolicyOf(trx, issue.category_id, issue.green_channel);
  const timers: TimerRequest[] = [];
  const cancelled = ['withdrawn', 'duplicate'].includes(stateOf(next));
  const kept = await reconcileClockRows(trx, {
    owner: { issue_id: issue.id },
    active,
    desired,
    now,
    schedule: clockScheduler(timers, now, () => track, workingFrom(calendar)),
    freshDeadline: FRESH_DEADLINES.has(event) && !(event === 'rate' && stateOf(next) !== 'reopened'),
    timers,
    stopOutcome: (row) => (cancelled ? 'cancelled' : now <= row.due_at ? 'met' : 'missed'),
  });
  const worst = kept.reduce<ClockStep>((w, step) => worseStep(w, step), 'on_time');
  // The caller holds the issue's row lock, so its row's track is the one stored.
  if (issue.track !== worst) await trx.updateTable('issues').set({ track: worst }).where('id', '=', issue.id).execute();
  return timers;
}
