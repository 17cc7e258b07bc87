import { and, assign, setup } from 'xstate';
import type { ProjectStateMeta } from './clocks.ts';
import { mayActOnMilestone } from './milestone-permissions.ts';
import { unmetMilestoneCondition } from './milestone-preconditions.ts';
import type { MilestoneContext, MilestoneEvent, MilestoneEventOf, MilestoneEventType, MilestoneInput } from './types.ts';

const allowed = ({ context, event }: { context: MilestoneContext; event: MilestoneEvent }) => mayActOnMilestone(event.type, event.actor, context) && unmetMilestoneCondition(event, context) === null;

const on = <T extends MilestoneEventType>(e: MilestoneEvent, _type: T) => e as MilestoneEventOf<T>;

const running = { clocks: { milestone: 'running' } } as const;

/** What every open state accepts; `done` is final and accepts nothing. */
const open = {
  reportProgress: [
    { guard: and(['allowed', 'finishes']), target: 'done', actions: 'finish' },
    { guard: 'allowed', actions: 'setPercent' },
  ],
  complete: { guard: 'allowed', target: 'done', actions: 'finish' },
  replan: { guard: 'allowed', target: 'planned', actions: 'replan' },
  reassign: { guard: 'allowed', actions: 'reassign' },
} as const;

/**
 * A milestone (节点) of a key project: planned → dueSoon → late → done. The engine sends
 * `dueSoon` and `overdue` at times the engine computes; the unit reports percent done, and 100 %
 * (or `complete`) finishes it. A late milestone keeps its clock running: it escalates like an issue.
 */
export const milestoneMachine = setup({
  types: {} as { context: MilestoneContext; events: MilestoneEvent; input: MilestoneInput; meta: ProjectStateMeta },
  guards: {
    allowed,
    finishes: ({ event }) => event.type === 'reportProgress' && event.percent === 100,
  },
  actions: {
    setPercent: assign(({ event }) => ({ percent: on(event, 'reportProgress').percent })),
    finish: assign(({ event }) => ({ percent: 100, doneAt: event.at })),
    replan: assign(({ context, event }) => ({ dueAt: on(event, 'replan').dueAt, replans: context.replans + 1 })),
    reassign: assign(({ event }) => {
      const e = on(event, 'reassign');
      return { leaderId: e.leaderId, unitId: e.unitId };
    }),
  },
}).createMachine({
  id: 'milestone',
  initial: 'planned',
  context: ({ input }) => ({ ...input, percent: 0, doneAt: null, replans: 0 }),
  states: {
    planned: {
      meta: running,
      on: {
        ...open,
        dueSoon: { guard: 'allowed', target: 'dueSoon' },
        overdue: { guard: 'allowed', target: 'late' },
      },
    },
    dueSoon: {
      meta: running,
      on: { ...open, overdue: { guard: 'allowed', target: 'late' } },
    },
    late: { meta: running, on: open },
    done: { type: 'final', meta: { clocks: {} } },
  },
});
