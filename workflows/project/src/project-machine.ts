import { assign, setup } from 'xstate';
import type { ProjectStateMeta } from './clocks.ts';
import { mayActOnProject } from './project-permissions.ts';
import { unmetProjectCondition } from './project-preconditions.ts';
import type { ProjectContext, ProjectEvent, ProjectEventOf, ProjectEventType, ProjectInput } from './types.ts';

const allowed = ({ context, event }: { context: ProjectContext; event: ProjectEvent }) => mayActOnProject(event.type, event.actor, context) && unmetProjectCondition(event, context) === null;

const on = <T extends ProjectEventType>(e: ProjectEvent, _type: T) => e as ProjectEventOf<T>;

/**
 * A key project (重点项目): planned → underWay → completed, suspended and resumed on the way.
 * Pure: the engine passes facts it counted (open milestones) in events and writes the result.
 */
export const projectMachine = setup({
  types: {} as { context: ProjectContext; events: ProjectEvent; input: ProjectInput; meta: ProjectStateMeta },
  guards: { allowed },
  actions: {
    update: assign(({ event }) => {
      const e = on(event, 'update');
      return { leaderId: e.leaderId, unitId: e.unitId, startDate: e.startDate, plannedCompletion: e.plannedCompletion };
    }),
    planMilestones: assign(({ context, event }) => {
      const dueOns = on(event, 'planMilestones').dueOns;
      const last = [context.lastMilestoneDueOn ?? '', ...dueOns].sort().at(-1) ?? null;
      return { milestonesPlanned: context.milestonesPlanned + dueOns.length, lastMilestoneDueOn: last || null };
    }),
    start: assign(({ event }) => ({ startedAt: event.at })),
    suspend: assign(({ context, event }) => ({ suspendedAt: event.at, suspensions: context.suspensions + 1 })),
    resume: assign({ suspendedAt: null }),
    complete: assign(({ event }) => ({ completedAt: event.at })),
    countReport: assign(({ context }) => ({ reportsFiled: context.reportsFiled + 1 })),
    countProblem: assign(({ context }) => ({ problemsReported: context.problemsReported + 1 })),
  },
}).createMachine({
  id: 'project',
  initial: 'planned',
  context: ({ input }) => ({
    ...input,
    lastMilestoneDueOn: null,
    milestonesPlanned: 0,
    reportsFiled: 0,
    problemsReported: 0,
    startedAt: null,
    suspendedAt: null,
    suspensions: 0,
    completedAt: null,
  }),
  states: {
    planned: {
      meta: { clocks: {} },
      on: {
        update: { guard: 'allowed', actions: 'update' },
        planMilestones: { guard: 'allowed', actions: 'planMilestones' },
        start: { guard: 'allowed', target: 'underWay', actions: 'start' },
        reportProblem: { guard: 'allowed', actions: 'countProblem' },
      },
    },
    underWay: {
      // Each period the unit owes a progress report (每半月).
      meta: { clocks: { report: 'running' } },
      on: {
        update: { guard: 'allowed', actions: 'update' },
        planMilestones: { guard: 'allowed', actions: 'planMilestones' },
        suspend: { guard: 'allowed', target: 'suspended', actions: 'suspend' },
        complete: { guard: 'allowed', target: 'completed', actions: 'complete' },
        fileReport: { guard: 'allowed', actions: 'countReport' },
        reportProblem: { guard: 'allowed', actions: 'countProblem' },
      },
    },
    suspended: {
      // No report is owed while the project stands still; problems may still be handed over.
      meta: { clocks: { report: 'paused' } },
      on: {
        update: { guard: 'allowed', actions: 'update' },
        planMilestones: { guard: 'allowed', actions: 'planMilestones' },
        resume: { guard: 'allowed', target: 'underWay', actions: 'resume' },
        reportProblem: { guard: 'allowed', actions: 'countProblem' },
      },
    },
    completed: { type: 'final', meta: { clocks: {} } },
  },
});
