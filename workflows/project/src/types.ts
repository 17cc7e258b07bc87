import type { Actor } from '@huiyin/domain';

/** A calendar day in Shanghai, `YYYY-MM-DD`. Days compare correctly as strings. */
export type Day = string;

/**
 * What the project machine needs to decide: the four elements (leader, unit, time limit, plan)
 * and a few counters. Names, investments and report texts live in the store.
 */
export type ProjectContext = {
  projectId: string;
  leaderId: string;
  unitId: string;
  startDate: Day;
  plannedCompletion: Day;
  /** The latest due day of any milestone planned so far; completion may not move before it. */
  lastMilestoneDueOn: Day | null;
  milestonesPlanned: number;
  reportsFiled: number;
  problemsReported: number;
  startedAt: string | null;
  suspendedAt: string | null;
  suspensions: number;
  completedAt: string | null;
};

export type ProjectInput = Pick<ProjectContext, 'projectId' | 'leaderId' | 'unitId' | 'startDate' | 'plannedCompletion'>;

type Base = { actor: Actor; at: string };

/** Every event the project machine accepts. */
export type ProjectEvent = Base &
  (
    | {
        type: 'update';
        leaderId: string;
        unitId: string;
        startDate: Day;
        plannedCompletion: Day;
      }
    | { type: 'planMilestones'; dueOns: Day[] }
    | { type: 'start' }
    | { type: 'suspend'; reason: string }
    | { type: 'resume' }
    /** The store counts the milestones not yet done and passes the number. */
    | { type: 'complete'; openMilestones: number }
    | { type: 'fileReport'; periodEnd: Day }
    | { type: 'reportProblem'; issueId: string }
  );

export type ProjectEventType = ProjectEvent['type'];
export type ProjectEventOf<T extends ProjectEventType> = Extract<ProjectEvent, { type: T }>;

/** A milestone (节点) of a project's plan. Times are ISO strings. */
export type MilestoneContext = {
  milestoneId: string;
  projectId: string;
  leaderId: string;
  unitId: string;
  /** The end of the due day (Shanghai): the instant the milestone becomes late. */
  dueAt: string;
  percent: number;
  doneAt: string | null;
  replans: number;
};

export type MilestoneInput = Pick<MilestoneContext, 'milestoneId' | 'projectId' | 'leaderId' | 'unitId' | 'dueAt'>;

export type MilestoneEvent = Base &
  /** Percent done as a progress report gives it; 100 finishes the milestone. */
  (
    | { type: 'reportProgress'; percent: number }
    /** The engine: the due time is near. */
    | { type: 'dueSoon' }
    /** The engine: the due time has passed. */
    | { type: 'overdue' }
    | { type: 'complete' }
    /** A leader moves the due time; the milestone is back on plan. */
    | { type: 'replan'; dueAt: string }
    /** The project's leader or unit changed (system, from the project's update). */
    | { type: 'reassign'; leaderId: string; unitId: string }
  );

export type MilestoneEventType = MilestoneEvent['type'];
export type MilestoneEventOf<T extends MilestoneEventType> = Extract<MilestoneEvent, { type: T }>;

export type Refusal = 'wrong_state' | 'forbidden' | 'unmet_condition';
