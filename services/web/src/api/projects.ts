import type {
  Answer,
  ProjectBrief as ProjectBriefAnswer,
  ProjectDetail as ProjectDetailAnswer,
  ProjectLagging,
  ProjectMilestone as ProjectMilestoneAnswer,
  ProjectMissingReports,
  ProjectProblemHandedOver,
  ProjectReport,
  ProjectReportFiled,
  ProjectState as ProjectStateAnswer,
  ProjectSummary as ProjectSummaryAnswer,
  ProjectTimelineEvent,
  ProjectTotals,
  ProjectType,
} from '@huiyin/contract';
import { get, post, urlOf } from './client.ts';
import type { Page } from './types.ts';

/** Shapes of the key-project endpoints (services/api/src/routes/projects.ts); money in 万元. */
export type ProjectState = Answer<typeof ProjectStateAnswer>;
export type ProjectSummary = Answer<typeof ProjectSummaryAnswer>;
export type ProjectMilestone = Answer<typeof ProjectMilestoneAnswer>;
export type ProgressReport = Answer<typeof ProjectReport>;
export type ProjectDetail = Answer<typeof ProjectDetailAnswer>;
export type ProjectFilter = { type?: string | undefined; state?: ProjectState | undefined; leaderId?: string | undefined; unitId?: string | undefined };
export type LateGroup = Answer<typeof ProjectLagging>['groups'][number];
export type ProjectEvent = Answer<typeof ProjectTimelineEvent>;
export type MissingReports = Answer<typeof ProjectMissingReports>;
/** What `POST /api/v1/projects/:id/…` answers: the project's new version. */
export type ProjectBrief = Answer<typeof ProjectBriefAnswer>;
export type NewProject = {
  name: string;
  type: string;
  enterpriseId?: string | null;
  totalInvestment: number;
  planYear: number;
  plannedInvestmentYear: number;
  leaderId: string;
  unitId: string;
  teamOfficialIds: string[];
  startDate: string;
  plannedCompletion: string;
};
export type NewReport = { expectedVersion: number; investmentCompleted: number; narrative: string; problems?: string; milestones: Array<{ milestoneId: string; percent: number }> };
export type NewProblem = { title: string; description: string; categoryId: string; milestoneId?: string; reportId?: string };
export type ProjectTransition = 'start' | 'suspend' | 'resume' | 'complete';

/** The key-project endpoints the console uses: reads, registration, plans, reports, problems, state changes. */
export const projects = {
  types: () => get<{ items: Answer<typeof ProjectType>[] }>('/api/v1/projects/types'),
  list: (q: ProjectFilter & { limit: number; cursor?: string | undefined }) => get<Page<ProjectSummary>>('/api/v1/projects', q),
  one: (id: string) => get<ProjectDetail>(`/api/v1/projects/${id}`),
  summary: () => get<Answer<typeof ProjectTotals>>('/api/v1/projects/summary'),
  lagging: () => get<Answer<typeof ProjectLagging>>('/api/v1/projects/lagging'),
  exportUrl: (q: ProjectFilter) => urlOf('/api/v1/projects/export.xlsx', q),
  timeline: (id: string) => get<{ items: ProjectEvent[] }>(`/api/v1/projects/${id}/timeline`),
  missingReports: () => get<MissingReports>('/api/v1/projects/reports/missing'),
  create: (body: NewProject) => post<ProjectBrief>('/api/v1/projects', body),
  planMilestones: (id: string, body: { expectedVersion: number; milestones: Array<{ name: string; dueOn: string }> }) => post<ProjectBrief>(`/api/v1/projects/${id}/milestones`, body),
  replan: (id: string, milestoneId: string, body: { expectedVersion: number; dueOn: string; reason: string }) => post<ProjectBrief>(`/api/v1/projects/${id}/milestones/${milestoneId}/replan`, body),
  fileReport: (id: string, body: NewReport) => post<Answer<typeof ProjectReportFiled>>(`/api/v1/projects/${id}/reports`, body),
  reportProblem: (id: string, body: NewProblem) => post<Answer<typeof ProjectProblemHandedOver>>(`/api/v1/projects/${id}/problems`, body),
  transition: (id: string, transition: ProjectTransition, body: { expectedVersion: number; reason?: string }) => post<ProjectBrief>(`/api/v1/projects/${id}/${transition}`, body),
};
