import { DomainError } from '@huiyin/domain';
import { applyIssueCommand } from '../issues/execute-command.ts';
import { ratingTimeout } from '../issues/commands/closing.ts';
import { resumeHandling } from '../issues/commands/handling.ts';
import type { EngineDeps, TimerRequest } from '../deps.ts';
import type { Tx } from '@huiyin/store';
import { applyTrackSteps, type ClockRow } from './apply-track-steps.ts';
import { clockPolicyOf, projectTracksOf } from './policy.ts';
import { applyProjectTrackSteps } from './apply-project-track-steps.ts';

/** What became of the step asked for. */
export type StepOutcome =
  | { outcome: 'applied'; next: TimerRequest[] }
  /**
   * The clock moved on (claimed, paused, extended, stopped) or another worker took the step.
   * `current` is the clock's real next timer, set again in case a worker died before setting it.
   */
  | { outcome: 'stale'; current?: TimerRequest }
  /** Not due yet (a timer set early, or clock skew): set again for `at`. */
  | { outcome: 'early'; at: Date };

type StepRequest = Pick<TimerRequest, 'clockId' | 'step' | 'version'>;

/**
 * Fires one step of a clock's track, waiting for its issue and clock rows as a command would.
 * Re-reads the clock in PostgreSQL under a row lock and acts only if this step, at this version,
 * is still the next one and is due; so a stale or doubled call does nothing, and no step fires
 * twice whatever the number of workers. The workers fire steps in batches (`fireDueSteps`); this
 * is the one-step path (seeds, tests, a step a batch could not take).
 */
export async function fireClockStep(deps: EngineDeps, req: StepRequest): Promise<StepOutcome> {
  // `due` (the rating clock's) and `resume` (a pause's end) go through the issue's commands.
  if (req.step === 'due' || req.step === 'resume') return fireCommandStep(deps, req);
  return fireOne(deps, req);
}

/** Stale or early as the row stands, or null when the step is due now. */
function verdict(clock: ClockRow, req: StepRequest, now: Date): StepOutcome | null {
  if (clock.status !== 'running' || clock.version !== req.version || clock.next_step !== req.step || !clock.next_step_at) {
    const current = clock.status === 'running' && clock.next_step && clock.next_step_at ? { clockId: clock.id, step: clock.next_step, version: clock.version, at: clock.next_step_at } : undefined;
    return current ? { outcome: 'stale', current } : { outcome: 'stale' };
  }
  if (clock.next_step_at > now) return { outcome: 'early', at: clock.next_step_at };
  return null;
}

/** The one step, waiting for its issue and clock rows as a command would. */
async function fireOne(deps: EngineDeps, req: StepRequest): Promise<StepOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    // The issue first, then the clock: the same order as every command, so no deadlock.
    const issue = await trx
      .selectFrom('issues')
      .selectAll()
      .where('id', '=', (eb) => eb.selectFrom('clocks').select('issue_id').where('clocks.id', '=', req.clockId))
      .forUpdate()
      .executeTakeFirst();
    if (!issue) return fireProjectOne(trx, deps, req);
    const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', req.clockId).forUpdate().executeTakeFirstOrThrow();
    const now = deps.clock();
    const ahead = verdict(clock, req, now);
    if (ahead) return ahead;
    const { track } = await clockPolicyOf(trx, issue.category_id, issue.green_channel);
    const { next } = await applyTrackSteps(trx, deps.calendar, now, [{ issue, track, clocks: [clock] }]);
    return { outcome: 'applied', next };
  });
}

/** A key project's clock (no issue): the project first, then the clock, as the project's commands take them. */
async function fireProjectOne(trx: Tx, deps: EngineDeps, req: StepRequest): Promise<StepOutcome> {
  const project = await trx
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', (eb) => eb.selectFrom('clocks').select('project_id').where('clocks.id', '=', req.clockId))
    .forUpdate()
    .executeTakeFirst();
  if (!project) return { outcome: 'stale' };
  const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', req.clockId).forUpdate().executeTakeFirstOrThrow();
  const now = deps.clock();
  const ahead = verdict(clock, req, now);
  if (ahead) return ahead;
  const policy = await projectTracksOf(trx, project.type_code);
  const { next } = await applyProjectTrackSteps(trx, deps.calendar, now, [{ project, policy, clocks: [clock] }]);
  return { outcome: 'applied', next };
}

/**
 * A step that runs a command as the engine: the rating clock's `due` (invite again, or close as
 * the category's policy says) and a paused clock's `resume` (the pause allowance is spent: handling
 * resumes without the information, docs/domain.md#limit-bounds).
 */
export async function fireCommandStep(deps: EngineDeps, req: StepRequest): Promise<StepOutcome> {
  const clock = await deps.db
    .selectFrom('clocks')
    .innerJoin('issues', 'issues.id', 'clocks.issue_id')
    .select(['clocks.status', 'clocks.version', 'clocks.next_step', 'clocks.next_step_at', 'issues.id as issueId', 'issues.version as issueVersion'])
    .where('clocks.id', '=', req.clockId)
    .executeTakeFirst();
  const status = req.step === 'resume' ? 'paused' : 'running';
  if (clock?.status !== status || clock.version !== req.version || clock.next_step !== req.step || !clock.next_step_at) return { outcome: 'stale' };
  if (clock.next_step_at > deps.clock()) return { outcome: 'early', at: clock.next_step_at };
  const expectedVersion = clock.issueVersion;
  try {
    // The issue's version guards against a second worker: only one command can apply to it.
    const result =
      req.step === 'resume'
        ? await applyIssueCommand(deps, { issueId: clock.issueId, actor: { kind: 'system' }, command: resumeHandling, input: { expectedVersion, note: PAUSE_SPENT } })
        : await applyIssueCommand(deps, { issueId: clock.issueId, actor: { kind: 'system' }, command: ratingTimeout, input: { expectedVersion } });
    return { outcome: 'applied', next: result.timers };
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'issue.stale_version' || e.code === 'issue.wrong_state')) return { outcome: 'stale' };
    throw e;
  }
}

const PAUSE_SPENT = '等待企业补充信息的暂停时限已用尽，办理计时自动恢复。';
