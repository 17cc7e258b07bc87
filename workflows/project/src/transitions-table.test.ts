import { describe, expect, it } from 'vitest';
import { milestoneMachine } from './milestone-machine.ts';
import { projectMachine } from './project-machine.ts';
import type { MilestoneEventType, ProjectEventType } from './types.ts';

/**
 * The legal events of each state, written out by hand. Any event not listed for a state is
 * refused there; a change to a machine that adds or drops one must change this table too.
 */
const PROJECT: Record<string, ProjectEventType[]> = {
  planned: ['update', 'planMilestones', 'start', 'reportProblem'],
  underWay: ['update', 'planMilestones', 'suspend', 'complete', 'fileReport', 'reportProblem'],
  suspended: ['update', 'planMilestones', 'resume', 'reportProblem'],
  completed: [],
};

const MILESTONE: Record<string, MilestoneEventType[]> = {
  planned: ['reportProgress', 'complete', 'replan', 'reassign', 'dueSoon', 'overdue'],
  dueSoon: ['reportProgress', 'complete', 'replan', 'reassign', 'overdue'],
  late: ['reportProgress', 'complete', 'replan', 'reassign'],
  done: [],
};

const cases = [
  ['project', projectMachine, PROJECT],
  ['milestone', milestoneMachine, MILESTONE],
] as const;

describe.each(cases)('the %s transition table', (_name, machine, legal) => {
  it.each(Object.entries(legal))('%s accepts exactly its legal events', (state, events) => {
    const node = (machine.states as Record<string, { ownEvents: string[] }>)[state];
    expect([...(node?.ownEvents ?? [])].sort()).toEqual([...events].sort());
  });

  it('covers every state of the machine', () => {
    expect(Object.keys(machine.states).sort()).toEqual(Object.keys(legal).sort());
  });
});
