import { afterAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decideMilestone, decideProject, milestoneAccepts, projectAccepts, stateOf, type MilestoneSnapshot, type ProjectSnapshot } from './decide.ts';
import { mayActOnMilestone } from './milestone-permissions.ts';
import { mayActOnProject } from './project-permissions.ts';
import { addDays } from './report-periods.ts';
import { cast, freshMilestone, freshProject, mev, pev } from './test-fixtures.ts';
import type { MilestoneEvent, MilestoneEventType, ProjectEvent, ProjectEventType } from './types.ts';

const actors = Object.values(cast);
const PROJECT_TYPES: ProjectEventType[] = ['update', 'planMilestones', 'start', 'suspend', 'resume', 'complete', 'fileReport', 'reportProblem'];
const MILESTONE_TYPES: MilestoneEventType[] = ['reportProgress', 'dueSoon', 'overdue', 'complete', 'replan', 'reassign'];

/** One step's random choices: mostly an accepted event by an entitled actor, sometimes anything. */
const choice = fc.record({ pick: fc.nat(), who: fc.nat(), n: fc.nat(400), wild: fc.nat(9) });
type Choice = typeof choice extends fc.Arbitrary<infer C> ? C : never;

const day = (n: number) => addDays('2026-06-01', n);
const instant = (n: number) => new Date(Date.parse('2026-12-01T00:00:00Z') + (n - 200) * 86_400_000).toISOString();

function projectEvent(s: ProjectSnapshot, c: Choice): ProjectEvent {
  const accepted = PROJECT_TYPES.filter((t) => projectAccepts(s, t));
  const types = c.wild === 0 || accepted.length === 0 ? PROJECT_TYPES : accepted;
  const type = types[c.pick % types.length] ?? 'start';
  const entitled = actors.filter((a) => mayActOnProject(type, a, s.context));
  const pool = c.wild <= 1 || entitled.length === 0 ? actors : entitled;
  const actor = pool[c.who % pool.length] ?? cast.system;
  switch (type) {
    case 'update':
      return pev('update', actor, { leaderId: c.n % 3 ? 'leader-1' : 'leader-2', unitId: c.n % 4 ? 'unit-a' : 'unit-b', startDate: day(c.n % 30), plannedCompletion: day(c.n) });
    case 'planMilestones':
      return pev('planMilestones', actor, { dueOns: c.n % 5 ? [day(c.n % 200), day(c.n % 350)] : [] });
    case 'suspend':
      return pev('suspend', actor, { reason: '原因' });
    case 'complete':
      return pev('complete', actor, { openMilestones: c.n % 3 });
    case 'fileReport':
      return pev('fileReport', actor, { periodEnd: '2026-11-30' });
    case 'reportProblem':
      return pev('reportProblem', actor, { issueId: `i-${c.n}` });
    default:
      return pev(type, actor, {} as never);
  }
}

function milestoneEvent(s: MilestoneSnapshot, c: Choice): MilestoneEvent {
  const accepted = MILESTONE_TYPES.filter((t) => milestoneAccepts(s, t));
  const types = c.wild === 0 || accepted.length === 0 ? MILESTONE_TYPES : accepted;
  const type = types[c.pick % types.length] ?? 'dueSoon';
  const entitled = actors.filter((a) => mayActOnMilestone(type, a, s.context));
  const pool = c.wild <= 1 || entitled.length === 0 ? actors : entitled;
  const actor = pool[c.who % pool.length] ?? cast.system;
  const at = instant((c.n % 60) + 170);
  switch (type) {
    case 'reportProgress':
      return mev('reportProgress', actor, { percent: c.n % 120 }, at);
    case 'replan':
      return mev('replan', actor, { dueAt: instant((c.n % 90) + 160) }, at);
    case 'reassign':
      return mev('reassign', actor, { leaderId: 'leader-1', unitId: c.n % 5 ? 'unit-a' : 'unit-b' }, at);
    default:
      return mev(type, actor, {} as never, at);
  }
}

const reachedProject = new Set<string>();
const reachedMilestone = new Set<string>();
const sequences = fc.array(choice, { minLength: 1, maxLength: 40 });

function walkProject(choices: readonly Choice[], reached?: Set<string>) {
  let s = freshProject();
  for (const c of choices) {
    const before = stateOf(s);
    const d = decideProject(s, projectEvent(s, c));
    if (!d.ok) continue;
    if (before === 'completed') throw new Error('left a final state');
    s = d.next;
    reached?.add(stateOf(s));
    const x = s.context;
    // The plan stays inside the time limit (四明确): no milestone after the planned completion.
    if (x.lastMilestoneDueOn) expect(x.lastMilestoneDueOn <= x.plannedCompletion).toBe(true);
    expect(x.startDate <= x.plannedCompletion).toBe(true);
    if (stateOf(s) !== 'planned') expect(x.startedAt).not.toBeNull();
    expect(stateOf(s) === 'suspended').toBe(x.suspendedAt !== null);
    expect(stateOf(s) === 'completed').toBe(x.completedAt !== null);
  }
}

function walkMilestone(choices: readonly Choice[], reached?: Set<string>) {
  let s = freshMilestone();
  for (const c of choices) {
    const e = milestoneEvent(s, c);
    const before = s;
    const d = decideMilestone(s, e);
    if (!d.ok) continue;
    if (stateOf(before) === 'done') throw new Error('left a final state');
    s = d.next;
    reached?.add(stateOf(s));
    // Progress to date never goes back; done means 100 %; late only once the due time has passed.
    expect(s.context.percent).toBeGreaterThanOrEqual(before.context.percent);
    expect(stateOf(s) === 'done').toBe(s.context.percent === 100 && s.context.doneAt !== null);
    if (stateOf(s) === 'late' && stateOf(before) !== 'late') expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(s.context.dueAt));
  }
}

describe('project and milestone invariants', () => {
  test.prop([sequences], { numRuns: 500 })('no sequence of project events breaks the four elements', (cs) => walkProject(cs));
  test.prop([sequences], { numRuns: 500, seed: 20261126 })('reaches every project state doing so (fixed seed)', (cs) => walkProject(cs, reachedProject));
  test.prop([sequences], { numRuns: 500 })('no sequence of milestone events loses progress or runs late early', (cs) => walkMilestone(cs));
  test.prop([sequences], { numRuns: 500, seed: 20261126 })('reaches every milestone state doing so (fixed seed)', (cs) => walkMilestone(cs, reachedMilestone));

  afterAll(() => {
    expect([...reachedProject].sort()).toEqual(['completed', 'planned', 'suspended', 'underWay']);
    expect([...reachedMilestone].sort()).toEqual(['done', 'dueSoon', 'late', 'planned']);
  });
});
