import { sql } from 'kysely';
import { type ClockStep, type TrackPolicy, trackPolicyOf, projectTrackPolicyOf } from '@huiyin/domain';
import { type Tx, literal, rowLimit } from '@huiyin/store';
import type { EngineDeps, TimerRequest } from '../deps.ts';
import type { ProjectRow } from '../projects/project-ledger.ts';
import { applyTrackSteps, TRACK_ISSUE_COLUMNS, type ClaimedIssue, type ClockRow, type FiredStep, type TrackIssue } from './apply-track-steps.ts';
import { applyProjectTrackSteps, type ClaimedProject } from './apply-project-track-steps.ts';
import { fireCommandStep } from './fire-clock-step.ts';
import { drainInFlight, markDraining } from './drain-mark.ts';

/** Steps fired, and the next timers of their clocks (to set once the transaction has committed). */
export type FiredSteps = { fired: FiredStep[]; next: TimerRequest[] };

/** A batch: what it fired, and how many due clocks it claimed (a full batch says more may be due). */
export type DueBatch = FiredSteps & { claimed: number };

const NONE: DueBatch = { fired: [], next: [], claimed: 0 };

/** The select list of a batch's issue read, built once: the columns a track step uses. */
const TRACK_ISSUE_SELECT = sql.join(TRACK_ISSUE_COLUMNS.map((c) => sql.ref(`i.${c}`)));

/** Steps that run an issue command rather than move a track. */
const COMMAND_STEPS = new Set<ClockStep | null>(['due', 'resume']);

/**
 * One transaction firing up to `limit` track steps due by `dueBy`, the earliest first: how the
 * workers drain the steps due at an instant (a close-of-day burst puts every working-day
 * deadline at 17:30). Clocks are claimed with SKIP LOCKED, then their issues (or key projects)
 * with SKIP LOCKED: a batch never waits, so two workers' batches take different steps and none
 * can deadlock with a command (which takes the issue, then the clock). A clock whose issue is held
 * is left for a later batch. Each clock's version and step are re-checked under its lock, so no
 * step fires twice whoever gets there first. Command steps (`due`, `resume`) are not taken here.
 */
export async function fireDueSteps(deps: EngineDeps, options: { dueBy: Date; limit: number }): Promise<DueBatch> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    await markDraining(trx);
    const clocks = await inDueOrder(
      trx,
      () =>
        sql<ClockRow>`
        select * from clocks
        where status = 'running' and next_step_at is not null and next_step_at <= ${options.dueBy} and next_step not in ('due', 'resume')
        order by next_step_at
        limit ${rowLimit(options.limit)}
        for update skip locked`.execute(trx),
      (found) => found.rows.length > 0,
    );
    if (clocks.rows.length === 0) return NONE;
    const projectClocks = clocks.rows.filter((c) => c.project_id !== null);
    const projects = projectClocks.length > 0 ? await claimProjects(trx, projectClocks) : [];
    const forProjects = await applyProjectTrackSteps(trx, deps.calendar, now, projects);
    const issueIds = [...new Set(clocks.rows.filter((c) => c.project_id === null).map((c) => c.issue_id))];
    if (issueIds.length === 0) return { ...forProjects, claimed: clocks.rows.length };
    const issues = await sql<TrackIssue & { cat_track_policy: TrackPolicy | null; cat_green_channel: boolean | null }>`
      select ${TRACK_ISSUE_SELECT}, c.track_policy as cat_track_policy, c.green_channel as cat_green_channel
      from issues i left join categories c on c.id = i.category_id
      where i.id = any(${issueIds}::uuid[])
      for update of i skip locked`.execute(trx);
    const byIssue = new Map<string, ClockRow[]>();
    for (const c of clocks.rows) {
      const mine = byIssue.get(c.issue_id);
      if (mine) mine.push(c);
      else byIssue.set(c.issue_id, [c]);
    }
    const claimed: ClaimedIssue[] = issues.rows.map(({ cat_track_policy, cat_green_channel, ...issue }) => ({
      issue,
      track: trackPolicyOf(cat_green_channel === null ? undefined : { track_policy: cat_track_policy, green_channel: cat_green_channel }, issue.green_channel),
      // Sorted again: a row re-checked after a concurrent update may come out of the read's order.
      clocks: (byIssue.get(issue.id) ?? []).sort((a, b) => (a.next_step_at?.getTime() ?? 0) - (b.next_step_at?.getTime() ?? 0)),
    }));
    const forIssues = await applyTrackSteps(trx, deps.calendar, now, claimed);
    return { fired: [...forProjects.fired, ...forIssues.fired], next: [...forProjects.next, ...forIssues.next], claimed: clocks.rows.length };
  });
}

/** The projects of claimed project clocks, locked with SKIP LOCKED (a project held by a command is left for a later batch), with their tracks. */
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

type Waiting = { id: string; next_step: ClockStep | null; version: number; next_step_at: Date | null };

/**
 * Runs a read of due clocks so that it walks the index in due order. A burst puts tens of
 * thousands of steps at one instant, where the planner's histogram sees a handful: it would read
 * every due clock (and the dead entries of those already fired) into a bitmap and sort them all
 * for one batch (of `limit`, 500 in a drain). In index order a read stops at its last live clock
 * of the batch (bench/README.md).
 * Only the read: the batch's other statements, when `more` says some follow, are planned as
 * usual (a transaction that ends after the read needs no reset: `set local` ends with it).
 */
async function inDueOrder<T>(trx: Tx, read: () => Promise<T>, more: (out: T) => boolean): Promise<T> {
  await sql`set local enable_bitmapscan = off`.execute(trx);
  const out = await read();
  if (more(out)) await sql`set local enable_bitmapscan to default`.execute(trx);
  return out;
}

/**
 * Up to `limit` steps due by `dueBy` still waiting, running clocks' and paused clocks' (`resume`):
 * one read per partial index, each an index range in due order.
 */
function waitingSteps(deps: EngineDeps, dueBy: Date, limit: number, only?: 'commands'): Promise<Waiting[]> {
  return deps.db.transaction().execute((trx) => {
    const of = (status: 'running' | 'paused') => {
      // The status and step as literals, for the partial indexes (clocks_next_step, clocks_resume) to serve a generic plan.
      let q = trx.selectFrom('clocks').select(['id', 'next_step', 'version', 'next_step_at']).where('status', '=', literal(status)).where('next_step_at', '<=', dueBy);
      if (only === 'commands' && status === 'running') q = q.where('next_step', '=', literal('due'));
      return q.orderBy('next_step_at').limit(rowLimit(limit)).execute();
    };
    return inDueOrder(
      trx,
      async () => [...(await of('running')), ...(await of('paused'))],
      () => false,
    );
  });
}

/** Fires waiting command steps (the rating clock's `due`, a pause's end), a command each, one issue at a time. */
async function fireCommandSteps(deps: EngineDeps, waiting: readonly Waiting[], out: FiredSteps): Promise<FiredSteps> {
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

/**
 * The command steps due by `dueBy` (up to `limit`), each its own command: what a drain of due
 * steps runs once its batches have taken every track step. Read after the batches, when the due
 * range of the index is short again.
 */
export async function fireDueCommandSteps(deps: EngineDeps, dueBy: Date, limit: number): Promise<FiredSteps> {
  return fireCommandSteps(deps, await waitingSteps(deps, dueBy, limit, 'commands'), { fired: [], next: [] });
}

/**
 * Fires up to `limit` steps that fell due before `dueBefore` and are still waiting: the catch-up
 * for steps no job has fired (a worker killed mid-drain, a step a batch left because a command
 * held its issue, Redis down or emptied). One batch and the command steps among them. Nothing
 * overdue: two indexed reads. With `deferToDrains` (ms), nothing fires while a drain's batch that
 * began less than that ago is in flight in any worker process: that drain takes the due steps
 * itself, and on two cores a third writer beside a burst's drains only slows them
 * (bench/README.md). An older batch is stuck, not draining, and does not hold the catch-up back.
 * Whether anything waits is asked first (a step each), so a quiet round does not look at the
 * drains, and a round that stands aside does not read a batch's worth of waiting steps.
 */
export async function fireOverdueSteps(deps: EngineDeps, dueBefore: Date, limit: number, options: { deferToDrains?: number | undefined } = {}): Promise<FiredSteps> {
  if (options.deferToDrains !== undefined) {
    if ((await waitingSteps(deps, dueBefore, 1)).length === 0) return { fired: [], next: [] };
    if (await drainInFlight(deps.db, options.deferToDrains)) return { fired: [], next: [] };
  }
  const waiting = await waitingSteps(deps, dueBefore, limit);
  if (waiting.length === 0) return { fired: [], next: [] };
  const batch = waiting.some((c) => !COMMAND_STEPS.has(c.next_step)) ? await fireDueSteps(deps, { dueBy: dueBefore, limit }) : NONE;
  return fireCommandSteps(deps, waiting, { fired: [...batch.fired], next: [...batch.next] });
}
