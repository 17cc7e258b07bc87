import { DomainError, nextStep, worseStep, type ClockStep } from '@huiyin/domain';
import { describeActor, executeIssueCommand } from '../issues/execute-command.ts';
import { ratingTimeout } from '../issues/commands/closing.ts';
import { enqueueNotices } from '../issues/notices.ts';
import type { StoreDeps } from '../issues/ports.ts';
import { clockPolicyOf } from './policy.ts';
import { stepNotices } from './step-notices.ts';
import type { TimerRequest } from './timer-request.ts';

export type FireResult =
  | { outcome: 'applied'; next: TimerRequest[] }
  /**
   * The clock moved on (claimed, paused, extended, stopped) or another worker took the step.
   * `current` is the clock's real next timer, set again in case a worker died before setting it.
   */
  | { outcome: 'stale'; current?: TimerRequest }
  /** Not due yet (a timer set early, or a clock clock skew): set again for `at`. */
  | { outcome: 'early'; at: Date };

/**
 * Fires one step of a clock's track. Re-reads the clock in PostgreSQL under a row lock and acts
 * only if this step, at this version, is still the next one and is due; so a stale or doubled
 * job does nothing, and no step fires twice whatever the number of workers.
 */
export async function fireClockStep(deps: StoreDeps, req: Pick<TimerRequest, 'clockId' | 'step' | 'version'>): Promise<FireResult> {
  // Only the rating clock has the step `due`, and it goes through the rating command.
  if (req.step === 'due') return fireRatingDue(deps, req);
  return deps.db.transaction().execute(async (trx): Promise<FireResult> => {
    // The issue first, then the clock: the same order as every command, so no deadlock.
    const issue = await trx
      .selectFrom('issues')
      .selectAll()
      .where('id', '=', (eb) => eb.selectFrom('clocks').select('issue_id').where('clocks.id', '=', req.clockId))
      .forUpdate()
      .executeTakeFirst();
    if (!issue) return { outcome: 'stale' };
    const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', req.clockId).forUpdate().executeTakeFirstOrThrow();
    if (clock.status !== 'running' || clock.version !== req.version || clock.next_step !== req.step || !clock.next_step_at) {
      const current = clock.status === 'running' && clock.next_step && clock.next_step_at ? { clockId: clock.id, step: clock.next_step, version: clock.version, at: clock.next_step_at } : undefined;
      return current ? { outcome: 'stale', current } : { outcome: 'stale' };
    }
    const now = deps.now();
    if (clock.next_step_at > now) return { outcome: 'early', at: clock.next_step_at };
    const { track } = await clockPolicyOf(trx, issue.category_id, issue.green_channel);
    const following = nextStep(clock.kind, req.step, clock.due_at, track, now);
    await trx.updateTable('clocks').set({ step: req.step, next_step: following?.step ?? null, next_step_at: following?.at ?? null }).where('id', '=', clock.id).execute();
    const orderDue = req.step === 'supervision' ? deps.calendar.addLimit(now, track.supervisionOrderLimit) : null;
    if (orderDue) {
      await trx
        .insertInto('supervision_orders')
        .values({ issue_id: issue.id, clock_id: clock.id, unit_id: clock.kind === 'assist' ? clock.subject : issue.lead_unit_id, issued_at: now, due_at: orderDue, required_reply: '书面报告办理进展、超期原因和整改措施' })
        .onConflict((oc) => oc.column('clock_id').doNothing())
        .execute();
    }
    const version = issue.version + 1;
    await trx.updateTable('issues').set({ version, track: worseStep(issue.track, req.step), updated_at: now }).where('id', '=', issue.id).execute();
    await trx
      .insertInto('issue_events')
      .values({
        issue_id: issue.id,
        seq: version,
        type: 'trackStep',
        actor: JSON.stringify(describeActor({ kind: 'system' })),
        actor_account_id: null,
        payload: JSON.stringify({ clockId: clock.id, clock: clock.kind, subject: clock.subject || null, step: req.step, dueAt: clock.due_at, firedAt: now, lateMs: now.getTime() - clock.next_step_at.getTime(), supervisionOrderDueAt: orderDue }),
        state_after: issue.state,
        visible_to_enterprise: false,
        at: now,
      })
      .execute();
    await enqueueNotices(trx, issue.id, stepNotices(issue, clock, req.step, orderDue));
    return { outcome: 'applied', next: following ? [{ clockId: clock.id, step: following.step, version: clock.version, at: following.at }] : [] };
  });
}

/** The rating clock's one step: invite again, or close as the category's policy says. */
async function fireRatingDue(deps: StoreDeps, req: Pick<TimerRequest, 'clockId' | 'step' | 'version'>): Promise<FireResult> {
  const clock = await deps.db
    .selectFrom('clocks')
    .innerJoin('issues', 'issues.id', 'clocks.issue_id')
    .select(['clocks.status', 'clocks.version', 'clocks.next_step', 'clocks.next_step_at', 'issues.id as issueId', 'issues.version as issueVersion'])
    .where('clocks.id', '=', req.clockId)
    .executeTakeFirst();
  if (!clock || clock.status !== 'running' || clock.version !== req.version || clock.next_step !== ('due' as ClockStep) || !clock.next_step_at) return { outcome: 'stale' };
  if (clock.next_step_at > deps.now()) return { outcome: 'early', at: clock.next_step_at };
  try {
    // The issue's version guards against a second worker: only one command can apply to it.
    const result = await executeIssueCommand(deps, { issueId: clock.issueId, actor: { kind: 'system' }, command: ratingTimeout, input: { expectedVersion: clock.issueVersion } });
    return { outcome: 'applied', next: result.timers };
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'issue.stale_version' || e.code === 'issue.wrong_state')) return { outcome: 'stale' };
    throw e;
  }
}
