import { sql, type Selectable } from 'kysely';
import { nextStep, worseStep, type ClockStep, type TrackPolicy, trackKind, stepNotices, type OnTrack } from '@huiyin/domain';
import type { WorkingCalendar } from '@huiyin/calendar';
import { appendIssueEvents, type IssueAppend, type LedgerEntry, type Tx, type ClockTable, type IssueRow } from '@huiyin/store';
import { enqueueNoticeBatch, type IssueNotices } from '../notifications/enqueue-notice-batch.ts';
import type { TimerRequest } from '../deps.ts';
import { workingFrom } from './working-from.ts';
import { serviceCentreUnit } from '../service-centre.ts';

export type ClockRow = Selectable<ClockTable>;

/**
 * The columns of an issue a track step reads: a burst's batch reads only these, not the whole
 * row (its description and machine snapshot are the bulk of it, and would be parsed 500 at a time).
 */
export const TRACK_ISSUE_COLUMNS = ['id', 'version', 'track', 'state', 'number', 'title', 'enterprise_id', 'lead_unit_id', 'leader_id', 'first_responder_id', 'green_channel'] as const;
export type TrackIssue = Pick<IssueRow, (typeof TRACK_ISSUE_COLUMNS)[number]>;

/** An issue locked in this transaction, its track policy, and its clocks (locked too) whose next step is due. */
export type ClaimedIssue = { issue: TrackIssue; track: TrackPolicy; clocks: ClockRow[] };

/** A step applied: which clock, which step, and how late (fired − due, ms). */
export type FiredStep = { clockId: string; step: ClockStep; version: number; lateMs: number };

const REQUIRED_REPLY = '书面报告办理进展、超期原因和整改措施';

/**
 * Applies the due next step of every claimed clock, the caller holding the issue and clock rows:
 * each step moves its clock along the track, raises the issue's version by one with its
 * trackStep event at that version (so an issue's event count stays its version, even with two
 * of its clocks in one batch), issues a 督办单 at supervision, and enqueues its notices. One
 * statement per table whatever the number of steps: a close-of-day burst costs a few round
 * trips per hundred steps, not a dozen per step.
 */
export async function applyTrackSteps(trx: Tx, calendar: WorkingCalendar, now: Date, claimed: readonly ClaimedIssue[]): Promise<{ fired: FiredStep[]; next: TimerRequest[] }> {
  const fired: FiredStep[] = [];
  const next: TimerRequest[] = [];
  const clockMoves: { id: string; step: ClockStep; next_step: ClockStep | null; next_step_at: string | null }[] = [];
  const appends: IssueAppend[] = [];
  const orders = [];
  const notices: IssueNotices[] = [];
  const standing = await unansweredOrders(trx, claimed);
  const held = workingFrom(calendar);
  // The service centre answers for the listing clock: its unit, read once when a batch has one.
  const centre = claimed.some((c) => c.clocks.some((k) => k.kind === 'listing')) ? await serviceCentreUnit(trx) : null;
  const milestones = await milestoneTitles(trx, claimed);
  for (const { issue, track, clocks } of claimed) {
    const events: LedgerEntry[] = [];
    let colour = issue.track;
    for (const clock of clocks) {
      const step = clock.next_step;
      if (!step || !clock.next_step_at) continue;
      const following = nextStep(trackKind(clock.kind), step, clock.due_at, track, now, held);
      clockMoves.push({ id: clock.id, step, next_step: following?.step ?? null, next_step_at: following?.at.toISOString() ?? null });
      let orderDue: Date | null = null;
      let standingOrderId: string | undefined;
      if (step === 'supervision') {
        // A unit owes one written reply at a time: an unanswered 督办单 to it (issued by hand, or
        // by another clock of the issue) stands, and this step points to it instead of a second.
        const unit = clock.kind === 'assist' ? clock.subject : clock.kind === 'listing' ? centre : issue.lead_unit_id;
        const open = standing.get(`${issue.id} ${unit}`);
        if (open) {
          orderDue = open.dueAt;
          standingOrderId = open.id ?? undefined;
        } else {
          orderDue = calendar.addLimit(now, track.supervisionOrderLimit);
          orders.push({ issue_id: issue.id, clock_id: clock.id, unit_id: unit, issued_at: now, due_at: orderDue, required_reply: REQUIRED_REPLY });
          standing.set(`${issue.id} ${unit}`, { id: null, dueAt: orderDue });
        }
      }
      colour = worseStep(colour as ClockStep, step);
      const lateMs = now.getTime() - clock.next_step_at.getTime();
      events.push({
        type: 'trackStep',
        actor: { kind: 'system' },
        payload: { clockId: clock.id, clock: clock.kind, subject: clock.subject || null, step, dueAt: clock.due_at, firedAt: now, lateMs, supervisionOrderDueAt: orderDue, standingOrderId },
        stateAfter: issue.state,
        at: now,
      });
      notices.push({
        issueId: issue.id,
        notices: stepNotices(
          onTrack(issue, centre),
          { id: clock.id, kind: clock.kind, subject: clock.subject, dueAt: clock.due_at, version: clock.version, label: clock.kind === 'milestone' ? milestones.get(clock.subject) : undefined },
          step,
          orderDue,
        ),
      });
      fired.push({ clockId: clock.id, step, version: clock.version, lateMs });
      if (following) next.push({ clockId: clock.id, step: following.step, version: clock.version, at: following.at });
    }
    if (events.length > 0) appends.push({ issueId: issue.id, version: issue.version, events, track: colour });
  }
  if (fired.length === 0) return { fired, next };
  const col = <K extends keyof (typeof clockMoves)[number]>(k: K) => clockMoves.map((m) => m[k]);
  await sql`
    update clocks c set step = v.step, next_step = v.next_step, next_step_at = v.next_step_at
    from unnest(${col('id')}::uuid[], ${col('step')}::text[], ${col('next_step')}::text[], ${col('next_step_at')}::timestamptz[]) v(id, step, next_step, next_step_at)
    where c.id = v.id`.execute(trx);
  await appendIssueEvents(trx, appends, now);
  if (orders.length > 0)
    await trx
      .insertInto('supervision_orders')
      .values(orders)
      .onConflict((oc) => oc.column('clock_id').doNothing())
      .execute();
  await enqueueNoticeBatch(trx, notices, { gather: true });
  return { fired, next };
}

/** The unanswered 督办单 of the issues whose clocks reach supervision now, by issue and unit (no query when none does). */
async function unansweredOrders(trx: Tx, claimed: readonly ClaimedIssue[]): Promise<Map<string, { id: string | null; dueAt: Date }>> {
  const reaching = claimed.filter((c) => c.clocks.some((k) => k.next_step === 'supervision')).map((c) => c.issue.id);
  const out = new Map<string, { id: string | null; dueAt: Date }>();
  if (reaching.length === 0) return out;
  const rows = await trx
    .selectFrom('supervision_orders')
    .select(['id', 'issue_id', 'unit_id', 'due_at'])
    .where(sql<boolean>`issue_id = any(${reaching}::uuid[])`)
    .where('replied_at', 'is', null)
    .execute();
  for (const r of rows) out.set(`${r.issue_id} ${r.unit_id}`, { id: r.id, dueAt: r.due_at });
  return out;
}

/** The titles of the issue milestones whose clocks step in this batch (no query when none does). */
async function milestoneTitles(trx: Tx, claimed: readonly ClaimedIssue[]): Promise<Map<string, string>> {
  const ids = claimed.flatMap((c) => c.clocks.filter((k) => k.kind === 'milestone').map((k) => k.subject));
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('milestones').select(['id', 'title']).where(sql<boolean>`id = any(${ids}::uuid[])`).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** An issue as the track's notices name it. */
function onTrack(issue: TrackIssue, serviceCentreUnitId: string | null): OnTrack {
  return {
    issue: {
      number: issue.number,
      title: issue.title,
      enterpriseId: issue.enterprise_id,
      leadUnitId: issue.lead_unit_id,
      leaderId: issue.leader_id,
      serviceCentreUnitId,
      firstResponderId: issue.first_responder_id,
    },
  };
}
