import { z } from 'zod';
import { DATE_RANGE_MESSAGE, ExpectedVersion, Id, Text, inDateRange } from '@huiyin/contract';
import { isDay } from '@huiyin/project-workflow';

/** A Shanghai calendar day, `YYYY-MM-DD`. */
export const Day = z.iso
  .date('a calendar day as YYYY-MM-DD')
  .refine(isDay, 'a calendar day as YYYY-MM-DD')
  // The API's one range of dates (packages/contract), which PostgreSQL's date also takes.
  .refine(inDateRange, DATE_RANGE_MESSAGE);

/** 万元 as a whole number: money is never a float. */
export const Wan = z.number().int('whole 万元').nonnegative('not negative').max(1_000_000_000).describe('万元 (10 000 yuan), a whole number');

const ProjectFields = z.strictObject({
  name: Text(200),
  /** A code from `GET /api/v1/projects/types` (industrial, services, …). */
  type: z.string().trim().min(1).max(50),
  /** The owner enterprise (业主), if any: problems handed over are filed for it. */
  enterpriseId: Id.nullable().optional(),
  totalInvestment: Wan,
  planYear: z.number().int().min(2000).max(2099),
  plannedInvestmentYear: Wan,
  leaderId: Id,
  unitId: Id,
  teamOfficialIds: z.array(Id).max(50).default([]),
  startDate: Day,
  plannedCompletion: Day,
});

export const CreateProjectInput = ProjectFields;
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

/** Any fields of the project, each replacing the stored one. */
export const UpdateProjectInput = ExpectedVersion.extend(ProjectFields.partial().shape).extend({
  teamOfficialIds: z.array(Id).max(50).optional(),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const ProjectTransitionInput = ExpectedVersion.extend({ reason: Text(2000).optional() });
export type ProjectTransitionInput = z.infer<typeof ProjectTransitionInput>;

export const PlanMilestonesInput = ExpectedVersion.extend({
  milestones: z
    .array(z.strictObject({ name: Text(200), dueOn: Day }))
    .min(1)
    .max(50),
});
export type PlanMilestonesInput = z.infer<typeof PlanMilestonesInput>;

export const ReplanMilestoneInput = ExpectedVersion.extend({ dueOn: Day, reason: Text(2000) });
export type ReplanMilestoneInput = z.infer<typeof ReplanMilestoneInput>;

export const FileProgressReportInput = ExpectedVersion.extend({
  /** The period's last day; defaults to the period today falls in. */
  periodEnd: Day.optional(),
  /** Investment completed to date, in 万元. */
  investmentCompleted: Wan,
  narrative: Text(10_000),
  problems: Text(10_000).optional(),
  milestones: z
    .array(z.strictObject({ milestoneId: Id, percent: z.number().int().min(0).max(100) }))
    .max(50)
    .default([]),
});
export type FileProgressReportInput = z.infer<typeof FileProgressReportInput>;

export const ReportProblemInput = z.strictObject({
  title: Text(200),
  description: Text(10_000),
  categoryId: Id,
  /** Defaults to the project's owner enterprise. */
  enterpriseId: Id.optional(),
  milestoneId: Id.optional(),
  reportId: Id.optional(),
});
export type ReportProblemInput = z.infer<typeof ReportProblemInput>;
