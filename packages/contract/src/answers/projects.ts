import { z } from 'zod';
import { TRACK_STEPS } from '@huiyin/domain';
import { Role } from './auth.ts';
import { Day, Time } from './common.ts';

/** The states of `projectMachine` (workflows/project), kept as text in `projects.state`. */
export const PROJECT_STATES = ['planned', 'underWay', 'suspended', 'completed'] as const;
export const ProjectState = z.enum(PROJECT_STATES).meta({ id: 'ProjectState', description: 'planned → underWay ⇄ suspended → completed' });
export type ProjectState = z.output<typeof ProjectState>;

const MilestoneState = z.enum(['planned', 'dueSoon', 'late', 'done']);
/** The worst step a clock reached on its timeliness track. */
const Track = z.enum(TRACK_STEPS);
const Wan = z.number().int().meta({ description: '万元 (10,000 yuan)' });

export const ProjectType = z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).meta({ id: 'ProjectType' });

/** A project as lists show it. */
export const ProjectSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string().meta({ description: "The project type's code" }),
    typeName: z.string(),
    state: ProjectState,
    version: z.number().int(),
    totalInvestment: Wan,
    planYear: z.number().int(),
    plannedInvestmentYear: Wan,
    investmentCompleted: Wan,
    leaderId: z.string(),
    leaderName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    enterpriseId: z.string().nullable().meta({ description: 'The owner enterprise (业主), if any' }),
    enterpriseName: z.string().nullable(),
    startDate: Day,
    plannedCompletion: Day,
    createdAt: Time,
    completedAt: Time.nullable(),
    milestones: z.number().int().meta({ description: 'How many milestones it has' }),
    lateMilestones: z.number().int(),
  })
  .meta({ id: 'ProjectSummary' });

export const ProjectMilestone = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    name: z.string(),
    dueOn: Day,
    dueAt: Time.meta({ description: 'The end of the due day in Shanghai' }),
    percent: z.number().int(),
    state: MilestoneState,
    track: Track,
    doneAt: Time.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ProjectMilestone', description: 'A milestone (节点) of the plan' });

export const ProjectReport = z
  .object({
    id: z.string(),
    periodStart: Day,
    periodEnd: Day,
    dueAt: Time,
    filedAt: Time,
    filedByName: z.string(),
    investmentCompleted: Wan,
    narrative: z.string(),
    problems: z.string().nullable(),
    onTime: z.boolean(),
    milestones: z.array(z.object({ milestoneId: z.string(), percent: z.number().int() })),
  })
  .meta({ id: 'ProjectReport', description: 'A progress report for one period (每半月)' });

export const ProjectProblem = z
  .object({
    id: z.string(),
    description: z.string(),
    milestoneId: z.string().nullable(),
    reportId: z.string().nullable(),
    reportedAt: Time,
    issueId: z.string(),
    issueNumber: z.string(),
    issueTitle: z.string(),
    issueState: z.string(),
    issueTrack: Track,
  })
  .meta({ id: 'ProjectProblem', description: 'A problem handed over (即刻交办), with the issue it became' });

export const ProjectDetail = ProjectSummary.extend({
  team: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string().nullable() })),
  milestones: z.array(ProjectMilestone),
  reports: z.array(ProjectReport).meta({ description: 'Latest period first' }),
  problems: z.array(ProjectProblem).meta({ description: 'Latest first' }),
}).meta({ id: 'ProjectDetail', description: 'One project with its team, milestones, progress reports and problems' });

/** What a change to a project answers: its new version. */
export const ProjectBrief = z
  .object({ id: z.string(), name: z.string(), state: ProjectState, version: z.number().int(), updatedAt: Time })
  .meta({ id: 'ProjectBrief', description: "The project's new state and version" });

const Totals = z.object({ count: z.number().int(), totalInvestment: Wan, plannedInvestmentYear: Wan, investmentCompleted: Wan });
export const ProjectTotals = z
  .object({
    unit: z.string().meta({ description: 'Always 万元' }),
    byType: z.array(Totals.extend({ type: z.string(), typeName: z.string() })).meta({ description: 'Every type, even with no project' }),
    total: Totals,
  })
  .meta({ id: 'ProjectTotals', description: 'Projects and investment by type, and in all' });

export const ProjectLagging = z
  .object({
    asOf: Time,
    late: z.number().int(),
    groups: z.array(
      z.object({
        leaderId: z.string(),
        leaderName: z.string(),
        unitId: z.string(),
        unitName: z.string(),
        late: z.number().int(),
        milestones: z.array(
          z.object({
            leaderId: z.string(),
            leaderName: z.string(),
            unitId: z.string(),
            unitName: z.string(),
            projectId: z.string(),
            projectName: z.string(),
            milestoneId: z.string(),
            name: z.string(),
            dueOn: Day,
            dueAt: Time,
            percent: z.number().int(),
            state: MilestoneState,
            track: Track,
            daysLate: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ProjectLagging', description: 'Milestones past due and not done (滞后节点), by leader and unit, most late first' });

export const ProjectReportPeriod = z.object({ start: Day, end: Day, dueAt: Time }).meta({ id: 'ProjectReportPeriod', description: 'A reporting period and when its report is due' });

export const ProjectMissingReports = z
  .object({
    period: ProjectReportPeriod,
    overdue: z.boolean().meta({ description: "The period's due time has passed" }),
    missing: z.number().int(),
    projects: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), leaderId: z.string(), leaderName: z.string(), unitId: z.string(), unitName: z.string() })),
  })
  .meta({ id: 'ProjectMissingReports' });

/** Who acted, as the ledger records them (`describeActor` in @huiyin/domain). */
export const ProjectEventActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('official'), officialId: z.string(), roles: z.array(Role).readonly(), unitId: z.string().nullable() }),
  z.object({ kind: z.literal('enterprise'), enterpriseId: z.string(), accountId: z.string() }),
  z.object({ kind: z.literal('system') }),
]);
export type ProjectEventActor = z.output<typeof ProjectEventActor>;

export const ProjectTimelineEvent = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    actor: ProjectEventActor,
    payload: z.record(z.string(), z.unknown()),
    stateAfter: z.string().meta({ description: "The project's state after it" }),
    milestoneId: z.string().nullable(),
    at: Time,
  })
  .meta({ id: 'ProjectTimelineEvent', description: "One entry of the project's ledger" });

export const ProjectReportFiled = z
  .object({ id: z.string(), periodStart: Day, periodEnd: Day, dueAt: Time, filedAt: Time, onTime: z.boolean(), investmentCompleted: Wan })
  .meta({ id: 'ProjectReportFiled' });

export const ProjectProblemHandedOver = z
  .object({ problemId: z.string(), issueId: z.string(), number: z.string(), state: z.string().meta({ description: "The issue's state" }), expectedDueAt: Time })
  .meta({ id: 'ProjectProblemHandedOver', description: 'The problem and the issue filed for it' });
