import { randomUUID } from 'node:crypto';
import { nextStep, type ClockStep, type TrackPolicy, trackKind, type AnyClockKind } from '@huiyin/domain';
import type { Tx, ClockRow } from '@huiyin/store';
import type { TimerRequest } from '../deps.ts';

/**
 * A clock its owner (an issue, a key project) should have now. A paused clock may carry the time
 * its pause ends at the latest (`resumeBy`): its one timer, step `resume`.
 */
export type DesiredClock = { kind: AnyClockKind; subject: string; dueAt: Date; status: 'running' | 'paused'; resumeBy?: Date };
export const clockKey = (kind: string, subject: string) => `${kind}/${subject}`;

type Scheduled = Pick<ClockRow, 'id' | 'kind' | 'step' | 'version'>;

/**
 * The next step of a clock from its track, as the columns to write; the timer for it is added to
 * `timers` (set after commit). With `workingFrom`, reminders and yellow cards wait for working hours.
 */
export function clockScheduler(timers: TimerRequest[], now: Date, policyOf: (kind: AnyClockKind) => TrackPolicy, workingFrom?: (at: Date) => Date) {
  return (row: Scheduled, dueAt: Date) => {
    const n = nextStep(trackKind(row.kind), row.step, dueAt, policyOf(row.kind), now, workingFrom);
    if (n) timers.push({ clockId: row.id, step: n.step, version: row.version, at: n.at });
    return { next_step: n?.step ?? null, next_step_at: n?.at ?? null };
  };
}

/** The `resume` step of a clock pausing now, or the one it already has (a paused clock moved keeps its pause's end). */
function resumeStep(clockId: string, paused: ClockRow | null, want: DesiredClock, version: number, timers: TimerRequest[]) {
  // A clock paused before pauses had an end gets one the next time it is written.
  const at = paused ? (paused.next_step_at ?? want.resumeBy ?? null) : (want.resumeBy ?? null);
  if (!at) return { next_step: null, next_step_at: null };
  timers.push({ clockId, step: 'resume', version, at });
  return { next_step: 'resume' as const, next_step_at: at };
}

/**
 * Makes an owner's active clock rows (locked by the caller) match `desired`: stops the ones no
 * longer wanted with `stopOutcome`, pauses, resumes and moves the others (a due time moved later
 * starts the track afresh), inserts the missing ones. Every changed clock gets a new version, so
 * its old timers find nothing to do. Returns the step of each clock that stays.
 */
export async function reconcileClockRows(
  trx: Tx,
  input: {
    owner: { issue_id: string; project_id?: null } | { issue_id: null; project_id: string };
    active: ClockRow[];
    desired: Map<string, DesiredClock>;
    now: Date;
    schedule: ReturnType<typeof clockScheduler>;
    /** Whether a due time moved later is a new deadline, whose track starts afresh. */
    freshDeadline: boolean;
    /** Where the `resume` timers of paused clocks go (set after commit). */
    timers: TimerRequest[];
    stopOutcome: (row: ClockRow) => 'met' | 'missed' | 'cancelled';
  },
): Promise<ClockStep[]> {
  const { active, now, schedule } = input;
  const desired = new Map(input.desired);
  const kept: ClockStep[] = [];
  for (const row of active) {
    const want = desired.get(clockKey(row.kind, row.subject));
    desired.delete(clockKey(row.kind, row.subject));
    if (!want) {
      await trx
        .updateTable('clocks')
        .set({ status: 'stopped', stopped_at: now, outcome: input.stopOutcome(row), next_step: null, next_step_at: null, version: row.version + 1 })
        .where('id', '=', row.id)
        .execute();
      continue;
    }
    const moved = want.dueAt.getTime() !== row.due_at.getTime();
    // Only a fresh deadline (an approved extension, a re-dispatch, a reopening, a replanned
    // milestone) starts the track afresh; a pause or a change of the rules never rewinds the
    // steps already fired, so nobody is told the same step twice.
    const step: ClockStep = moved && want.dueAt > row.due_at && input.freshDeadline ? 'on_time' : row.step;
    kept.push(step);
    if (want.status === row.status && !moved) continue;
    const version = row.version + 1;
    if (want.status === 'paused') {
      await trx
        .updateTable('clocks')
        .set({ status: 'paused', paused_at: row.paused_at ?? now, due_at: want.dueAt, step, version, ...resumeStep(row.id, row.status === 'paused' ? row : null, want, version, input.timers) })
        .where('id', '=', row.id)
        .execute();
      continue;
    }
    await trx
      .updateTable('clocks')
      .set({ status: 'running', paused_at: null, due_at: want.dueAt, step, version, ...schedule({ ...row, step, version }, want.dueAt) })
      .where('id', '=', row.id)
      .execute();
  }
  // The new clocks in one statement, each with its first step: their ids are chosen here so the
  // step's timer can name its clock before the row exists.
  const added = [...desired.values()].map((want) => {
    const row = { id: randomUUID(), kind: want.kind, step: 'on_time' as const, version: 1 };
    const next = want.status === 'running' ? schedule(row, want.dueAt) : resumeStep(row.id, null, want, row.version, input.timers);
    return { ...input.owner, ...row, subject: want.subject, status: want.status, started_at: now, due_at: want.dueAt, paused_at: want.status === 'paused' ? now : null, ...next };
  });
  if (added.length > 0) await trx.insertInto('clocks').values(added).execute();
  return kept;
}
