import { shanghaiDate, type WorkingCalendar } from '@huiyin/calendar';
import { workingFrom } from './working-from.ts';
import { SEMI_MONTHLY, addDays, periodEndOn, periodEnding, type ReportSchedule } from '@huiyin/project-workflow';
import type { Tx } from '@huiyin/store';
import type { ProjectRow } from '../projects/project-ledger.ts';
import type { ClockRow } from './apply-track-steps.ts';
import { clockKey, clockScheduler, reconcileClockRows, type DesiredClock } from './reconcile-clock-rows.ts';
import type { TimerRequest } from '../deps.ts';
import { projectTracksOf } from './policy.ts';
import type { ProjectTrackPolicy } from '@huiyin/domain';

/** States in which a project owes progress reports: paused while suspended. */
const REPORTING: Record<string, 'running' | 'paused' | undefined> = { underWay: 'running', suspended: 'paused' };

/** A report clock paused before its due time that is past it now. */
const excused = (c: ClockRow, now: Date) => c.status === 'paused' && c.paused_at !== null && c.paused_at <= c.due_at && c.due_at < now;

/**
 * The clocks a project should have now: one per open milestone (subject: its id, due at the end
 * of its day), and while under way (paused while suspended) one per report period owed — each
 * period whose clock already runs until its report is filed, and the first period from today
 * (or the start day) whose report is not yet filed, so that filing a period's report, or its
 * cutoff passing, starts the next.
 */
async function desiredProjectClocks(trx: Tx, project: ProjectRow, now: Date, active: ClockRow[], schedule: ReportSchedule): Promise<Map<string, DesiredClock>> {
  const out = new Map<string, DesiredClock>();
  if (project.state === 'completed') return out;
  const open = await trx.selectFrom('project_milestones').select(['id', 'due_at']).where('project_id', '=', project.id).where('state', '<>', 'done').execute();
  for (const m of open) out.set(clockKey('milestone', m.id), { kind: 'milestone', subject: m.id, dueAt: m.due_at, status: 'running' });
  const status = REPORTING[project.state];
  if (!status) return out;
  const filed = new Set((await trx.selectFrom('progress_reports').select('period_end').where('project_id', '=', project.id).execute()).map((r) => r.period_end));
  for (const c of active) {
    if (c.kind !== 'report' || filed.has(c.subject)) continue;
    // A period whose cutoff passed while the project stood still is not owed (missingReports lists
    // only projects under way): its clock is cancelled at resumption. One already late when the
    // project was suspended stays owed.
    if (excused(c, now)) continue;
    out.set(clockKey('report', c.subject), { kind: 'report', subject: c.subject, dueAt: periodEnding(c.subject, schedule).dueAt, status });
  }
  const today = shanghaiDate(now);
  let end = periodEndOn(today > project.start_date ? today : project.start_date, schedule);
  while (filed.has(end)) end = periodEndOn(addDays(end, 1), schedule);
  out.set(clockKey('report', end), { kind: 'report', subject: end, dueAt: periodEnding(end, schedule).dueAt, status });
  return out;
}

/**
 * Makes a key project's clock rows match its state, in the caller's transaction (the project row
 * locked): starts a milestone's clock when it is planned, moves it when it is replanned (later:
 * the track starts afresh; either way a new version, so the old timers find nothing to do) and
 * stops it when the milestone is done (met or missed); starts each owed report period's clock,
 * pauses them while the project is suspended (a period whose cutoff passes meanwhile is not
 * owed: cancelled), stops one when its report is filed (late: missed) and cancels them at
 * completion. Returns the timers to set after commit. Idempotent: the
 * partial unique index on (project, kind, subject) refuses a second active clock, and a second
 * call finds nothing to change.
 */
export async function syncProjectClocks(
  trx: Tx,
  project: ProjectRow,
  now: Date,
  options: {
    schedule?: ReportSchedule | undefined;
    policy?: ProjectTrackPolicy;
    /** With the calendar, reminders and yellow cards wait for working hours, as an issue's do. */
    calendar?: WorkingCalendar | undefined;
    /**
     * Leave the project as it is when another transaction holds one of its clocks (a batch of
     * steps that could not take the project), instead of waiting for it: the clock steps sync
     * this way, so two batches never wait on each other's clocks. The next step, command or
     * reconciler syncs it. @defaultValue false (commands wait, as for issues)
     */
    skipLocked?: boolean;
  } = {},
): Promise<TimerRequest[]> {
  const open = trx.selectFrom('clocks').selectAll().where('project_id', '=', project.id).where('status', '<>', 'stopped');
  let active: ClockRow[];
  if (options.skipLocked) {
    const held = await open.forUpdate().skipLocked().execute();
    const all = await trx.selectFrom('clocks').select('id').where('project_id', '=', project.id).where('status', '<>', 'stopped').execute();
    if (held.length < all.length) return [];
    active = held;
  } else {
    active = await open.forUpdate().execute();
  }
  const desired = await desiredProjectClocks(trx, project, now, active, options.schedule ?? SEMI_MONTHLY);
  const policy = options.policy ?? (await projectTracksOf(trx, project.type_code));
  const timers: TimerRequest[] = [];
  await reconcileClockRows(trx, {
    owner: { issue_id: null, project_id: project.id },
    active,
    desired,
    now,
    schedule: clockScheduler(timers, now, (kind) => (kind === 'report' ? policy.report : policy.milestone), options.calendar ? workingFrom(options.calendar) : undefined),
    // A project's due times move only by replanning or a new report period: each a new deadline.
    freshDeadline: true,
    timers,
    stopOutcome: (row) => (row.kind === 'report' && (project.state === 'completed' || excused(row, now)) ? 'cancelled' : now <= row.due_at ? 'met' : 'missed'),
  });
  return timers;
}
