import { nextStep, worseStep, type Actor, type ClockStep, type ProjectTrackPolicy, stepNotices, type Notice } from '@huiyin/domain';
import type { MilestoneEvent } from '@huiyin/project-workflow';
import type { WorkingCalendar } from '@huiyin/calendar';
import type { Tx } from '@huiyin/store';
import { enqueueNoticeBatch } from '../notifications/enqueue-notice-batch.ts';
import { decideMilestoneOrThrow, recordProjectEvent, writeMilestone, type ProjectRow } from '../projects/project-ledger.ts';
import type { ClockRow, FiredStep } from './apply-track-steps.ts';
import { syncProjectClocks } from './sync-project-clocks.ts';
import { workingFrom } from './working-from.ts';
import type { TimerRequest } from '../deps.ts';

/** A key project locked in this transaction, its tracks, and its clocks (locked too) whose next step is due. */
export type ClaimedProject = { project: ProjectRow; policy: ProjectTrackPolicy; clocks: ClockRow[] };

const SYSTEM: Actor = { kind: 'system' };
const REQUIRED_REPLY = '书面报告项目推进情况、滞后原因和整改措施';

/**
 * The milestone machine's event a step sends, if the milestone is still behind it: the reminder
 * is its `dueSoon`, the red card (the due time) its `overdue`.
 */
function milestoneEventOf(step: ClockStep, state: string): 'dueSoon' | 'overdue' | null {
  if (step === 'reminded' && state === 'planned') return 'dueSoon';
  if (step === 'red' && (state === 'planned' || state === 'dueSoon')) return 'overdue';
  return null;
}

/**
 * Applies the due next step of every claimed project clock, the caller holding the project and
 * clock rows: moves the clock along its track, records the milestone's worst step
 * (`project_milestones.track`), sends the milestone machine `dueSoon` at the reminder and
 * `overdue` at the red card, writes a `trackStep` event to the project's ledger, issues a 督办单
 * to the project's unit at supervision, and enqueues the notices. Then the project's clocks are
 * synced (never waiting for a clock another transaction holds), so a report period whose cutoff
 * has passed starts the next period's clock. Projects
 * are few (hundreds), so this goes clock by clock rather than in multi-row statements.
 */
export async function applyProjectTrackSteps(trx: Tx, calendar: WorkingCalendar, now: Date, claimed: readonly ClaimedProject[]): Promise<{ fired: FiredStep[]; next: TimerRequest[] }> {
  const fired: FiredStep[] = [];
  const next: TimerRequest[] = [];
  const notices: Notice[] = [];
  for (const { project, policy, clocks } of claimed) {
    // Reminders and yellow cards wait for working hours; red cards and escalations go at once.
    const held = workingFrom(calendar);
    let row = project;
    for (const clock of clocks) {
      const step = clock.next_step;
      if (!step || !clock.next_step_at || (clock.kind !== 'milestone' && clock.kind !== 'report')) continue;
      const track = clock.kind === 'report' ? policy.report : policy.milestone;
      const following = nextStep('handling', step, clock.due_at, track, now, held);
      await trx
        .updateTable('clocks')
        .set({ step, next_step: following?.step ?? null, next_step_at: following?.at ?? null })
        .where('id', '=', clock.id)
        .execute();
      const orderDue = step === 'supervision' ? calendar.addLimit(now, track.supervisionOrderLimit) : null;
      if (orderDue) {
        await trx
          .insertInto('supervision_orders')
          .values({ issue_id: null, project_id: row.id, clock_id: clock.id, unit_id: row.unit_id, issued_at: now, due_at: orderDue, required_reply: REQUIRED_REPLY })
          .onConflict((oc) => oc.column('clock_id').doNothing())
          .execute();
      }
      let what = `${clock.subject} 期进度报告`;
      let milestoneId: string | undefined;
      if (clock.kind === 'milestone') {
        const m = await trx.selectFrom('project_milestones').selectAll().where('id', '=', clock.subject).forUpdate().executeTakeFirst();
        if (m) {
          what = `节点「${m.name}」`;
          milestoneId = m.id;
          const type = milestoneEventOf(step, m.state);
          let written = m;
          if (type) {
            written = await writeMilestone(trx, m, decideMilestoneOrThrow(m, { type, actor: SYSTEM, at: now.toISOString() } as MilestoneEvent), now);
            row = await recordProjectEvent(trx, { row, actor: SYSTEM, type: `milestone.${type}`, payload: { milestoneId: m.id, name: m.name, dueAt: m.due_at }, now, milestoneId: m.id });
          }
          const worst = worseStep(written.track, step);
          if (worst !== written.track) await trx.updateTable('project_milestones').set({ track: worst }).where('id', '=', m.id).execute();
        }
      }
      const lateMs = now.getTime() - clock.next_step_at.getTime();
      row = await recordProjectEvent(trx, {
        row,
        actor: SYSTEM,
        type: 'trackStep',
        payload: { clockId: clock.id, clock: clock.kind, subject: clock.subject, step, dueAt: clock.due_at, firedAt: now, lateMs, supervisionOrderDueAt: orderDue },
        now,
        ...(milestoneId ? { milestoneId } : {}),
      });
      notices.push(
        ...stepNotices(
          { project: { id: row.id, name: row.name, unitId: row.unit_id, leaderId: row.leader_id }, what },
          { id: clock.id, kind: clock.kind, subject: clock.subject, dueAt: clock.due_at, version: clock.version },
          step,
          orderDue,
        ),
      );
      fired.push({ clockId: clock.id, step, version: clock.version, lateMs });
      if (following) next.push({ clockId: clock.id, step: following.step, version: clock.version, at: following.at });
    }
    next.push(...(await syncProjectClocks(trx, row, now, { policy, skipLocked: true, calendar })));
  }
  if (notices.length > 0) await enqueueNoticeBatch(trx, [{ issueId: null, notices }]);
  return { fired, next };
}
