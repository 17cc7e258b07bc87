import { sql } from 'kysely';
import { DomainError, type ClockStep, type TrackPolicy, trackPolicyOf, projectTrackPolicyOf } from '@huiyin/domain';
import { applyIssueCommand } from '../issues/execute-command.ts';
import { ratingTimeout } from '../issues/commands/closing.ts';
import { resumeHandling } from '../issues/commands/handling.ts';
import type { EngineDeps, TimerRequest } from '../deps.ts';
import type { IssueRow, Tx } from '@huiyin/store';
import { applyTrackSteps, type ClaimedIssue, type ClockRow, type FiredStep } from './apply-track-steps.ts';
import { clockPolicyOf, projectTracksOf } from './policy.ts';
import type { ProjectRow } from '../projects/project-ledger.ts';
import { applyProjectTrackSteps, type ClaimedProject } from './apply-project-track-steps.ts';

/** What became of the step asked for. */
export type StepOutcome =
  | { outcome: 'applied'; next: TimerRequest[] }
  /**
   * The clock moved on (claimed, paused, extended, stopped) or another worker took the step.
   * `current` is the clock's real next timer, set again in case a worker died before setting it.
   */
  | { outcome: 'stale'; current?: TimerRequest }
  /** Not due yet (a timer set early, or a clock clock skew): set again for `at`. */
  | { outcome: 'early'; at: Date };

export type FireResult = StepOutcome & {
  /** Other clocks' due steps fired in the same transaction (`alsoDue`), and their next timers. */
  also: { fired: FiredStep[]; next: TimerRequest[] };
};

export type FireOptions = {
  /**
   * Also fire up to this many other due steps in the same transaction (claimed with SKIP LOCKED,
   * so never waiting on another worker): a close-of-day burst of 50 000 steps, all due at 17:30,
   * is drained by the first jobs in batches, and the jobs of steps fired that way find
   * themselves stale. @defaultValue 0
   */
  alsoDue?: number;
};

type StepRequest = Pick<TimerRequest, 'clockId' | 'step' | 'version'>;
const NONE = { fired: [], next: [] };

/**
 * Fires one step of a clock's track. Re-reads the clock in PostgreSQL under a row lock and acts
 * only if this step, at this version, is still the next one and is due; so a stale or doubled
 * job does nothing, and no step fires twice whatever the number of workers.
 */
export async function fireClockStep(deps: EngineDeps, req: StepRequest, options: FireOptions = {}): Promise<FireResult> {
  // `due` (the rating clock's) and `resume` (a pause's end) go through the issue's commands.
  if (req.step === 'due' || req.step === 'resume') return { ...(await fireCommandStep(deps, req)), also: NONE };
  const alsoDue = options.alsoDue ?? 0;
  if (alsoDue <= 0) return { ...(await fireOne(deps, req)), also: NONE };
  // Without a lock first: most jobs of a burst find their step already fired by a batch.
  const seen = await deps.db.selectFrom('clocks').selectAll().where('id', '=', req.clockId).executeTakeFirst();
  const ahead = seen && verdict(seen, req, deps.clock());
  if (!seen || ahead) return { ...(ahead ?? { outcome: 'stale' }), also: NONE };
  const batch = await fireDueBatch(deps, req, { limit: alsoDue });
  const mine = batch.fired.find((f) => f.clockId === req.clockId);
  const also = { fired: batch.fired.filter((f) => f !== mine), next: batch.next.filter((n) => n.clockId !== req.clockId) };
  if (mine) return { outcome: 'applied', next: batch.next.filter((n) => n.clockId === req.clockId), also };
  // Its issue or clock was held elsewhere: most often by another batch that has fired it since.
  const again = await deps.db.selectFrom('clocks').selectAll().where('id', '=', req.clockId).executeTakeFirst();
  const moved = again ? verdict(again, req, deps.clock()) : { outcome: 'stale' as const };
  if (moved) return { ...moved, also };
  // Still due (a command holds the issue, or that batch has not committed): wait for it as one step.
  return { ...(await fireOne(deps, req)), also };
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
 * Fires up to `limit` steps that fell due before `dueBefore` and are still waiting: the catch-up
 * for steps whose job is lost or held (a worker killed while it ran the job keeps its lock until
 * BullMQ declares it stalled, some 15 s; Redis down or emptied). The same batch as a job's, with
 * no step of its own; a job that comes later finds its step stale. Nothing overdue: one indexed
 * read, no transaction.
 */
export async function fireOverdueSteps(deps: EngineDeps, dueBefore: Date, limit: number): Promise<{ fired: FiredStep[]; next: TimerRequest[] }> {
  // One read per partial index (running clocks' steps, paused clocks' resume): each an index range.
  const overdueOf = (status: 'running' | 'paused') =>
    deps.db
      .selectFrom('clocks')
      .select(['id', 'next_step', 'version', 'next_step_at'])
      .where('status', '=', status)
      .where('next_step_at', '<=', dueBefore)
      .orderBy('next_step_at')
      .limit(limit)
      .execute();
  const waiting = (await Promise.all([overdueOf('running'), overdueOf('paused')])).flat();
  if (waiting.length === 0) return NONE;
  const out = waiting.some((c) => !COMMAND_STEPS.has(c.next_step)) ? await fireDueBatch(deps, null, { limit, dueBy: dueBefore }) : { fired: [], next: [] };
  // The rating clock's due step and a pause's end run a command each, one issue at a time.
  for (const c of waiting) {
    if (!COMMAND_STEPS.has(c.next_step) || !c.next_step || !c.next_step_at) continue;
    const req = { clockId: c.id, step: c.next_step, version: c.version };
    const done = await fireCommandStep(deps, req);
    if (done.outcome !== 'applied') continue;
    out.fired.push({ ...req, lateMs: deps.clock().getTime() - c.next_step_at.getTime() });
    out.next.push(...done.next);
  }
  return out;
}

/** Steps that run an issue command rather than move a track. */
const COMMAND_STEPS = new Set<ClockStep | null>(['due', 'resume']);

/**
 * One transaction firing the asked step (`own`), if free, and up to `others.limit` other steps
 * due by `others.dueBy` (default: now), the earliest first. Clocks are claimed with SKIP LOCKED,
 * then their issues with SKIP LOCKED: the batch never waits, so it cannot deadlock with a command
 * (which takes the issue, then the clock); a clock whose issue is held is left to its own job or
 * the next batch.
 */
async function fireDueBatch(deps: EngineDeps, own: StepRequest | null, others: { limit: number; dueBy?: Date }): Promise<{ fired: FiredStep[]; next: TimerRequest[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const clocks = await sql<ClockRow>`
      with mine as (
        ${
          own
            ? sql`select * from clocks
            where id = ${own.clockId} and status = 'running' and version = ${own.version} and next_step = ${own.step} and next_step_at <= ${now}
            for update skip locked`
            : sql`select * from clocks where false`
        }
      ), rest as (
        select * from clocks
        where status = 'running' and next_step_at is not null and next_step_at <= ${others.dueBy ?? now} and next_step not in ('due', 'resume')
          ${own ? sql`and id <> ${own.clockId}` : sql``}
        order by next_step_at
        limit ${others.limit}
        for update skip locked
      )
      select * from mine union all select * from rest`.execute(trx);
    if (clocks.rows.length === 0) return NONE;
    const projectClocks = clocks.rows.filter((c) => c.project_id !== null);
    const projects = projectClocks.length > 0 ? await claimProjects(trx, projectClocks) : [];
    const forProjects = await applyProjectTrackSteps(trx, deps.calendar, now, projects);
    const issueIds = [...new Set(clocks.rows.filter((c) => c.project_id === null).map((c) => c.issue_id))];
    if (issueIds.length === 0) return forProjects;
    const issues = await sql<IssueRow & { cat_track_policy: TrackPolicy | null; cat_green_channel: boolean | null }>`
      select i.*, c.track_policy as cat_track_policy, c.green_channel as cat_green_channel
      from issues i left join categories c on c.id = i.category_id
      where i.id = any(${issueIds}::uuid[])
      for update of i skip locked`.execute(trx);
    const claimed: ClaimedIssue[] = issues.rows.map(({ cat_track_policy, cat_green_channel, ...issue }) => ({
      issue,
      track: trackPolicyOf(cat_green_channel === null ? undefined : { track_policy: cat_track_policy, green_channel: cat_green_channel }, issue.green_channel),
      clocks: clocks.rows.filter((c) => c.issue_id === issue.id).sort((a, b) => (a.next_step_at?.getTime() ?? 0) - (b.next_step_at?.getTime() ?? 0)),
    }));
    const forIssues = await applyTrackSteps(trx, deps.calendar, now, claimed);
    return { fired: [...forProjects.fired, ...forIssues.fired], next: [...forProjects.next, ...forIssues.next] };
  });
}

/** The projects of claimed project clocks, locked with SKIP LOCKED (a project held by a command is left to its own job), with their tracks. */
async function claimProjects(trx: Tx, clocks: ClockRow[]): Promise<ClaimedProject[]> {
  const rows = await sql<ProjectRow & { type_track_policy: Partial<TrackPolicy> | null; type_report_track_policy: Partial<TrackPolicy> | null }>`
    select p.*, t.track_policy as type_track_policy, t.report_track_policy as type_report_track_policy
    from projects p left join project_types t on t.code = p.type_code
    where p.id = any(${[...new Set(clocks.map((c) => c.project_id))]}::uuid[])
    for update of p skip locked`.execute(trx);
  return rows.rows.map(({ type_track_policy, type_report_track_policy, ...project }) => ({
    project,
    policy: projectTrackPolicyOf({ track_policy: type_track_policy, report_track_policy: type_report_track_policy }),
    clocks: clocks.filter((c) => c.project_id === project.id).sort((a, b) => (a.next_step_at?.getTime() ?? 0) - (b.next_step_at?.getTime() ?? 0)),
  }));
}

/**
 * A step that runs a command as the engine: the rating clock's `due` (invite again, or close as
 * the category's policy says) and a paused clock's `resume` (the pause allowance is spent: handling
 * resumes without the information, docs/domain.md#limit-bounds).
 */
async function fireCommandStep(deps: EngineDeps, req: StepRequest): Promise<StepOutcome> {
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
