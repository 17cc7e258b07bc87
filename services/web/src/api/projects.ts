import { get, post, urlOf } from './client.ts';
import type { Page, Track } from './types.ts';

/** Shapes of the key-project endpoints (services/api/src/routes/projects.ts); money in 万元. */
export type ProjectState = 'planned' | 'underWay' | 'suspended' | 'completed';
export type ProjectSummary = {
  id: string;
  name: string;
  type: string;
  typeName: string;
  state: ProjectState;
  totalInvestment: number;
  planYear: number | null;
  plannedInvestmentYear: number | null;
  investmentCompleted: number;
  leaderName: string | null;
  unitName: string | null;
  enterpriseName: string | null;
  startDate: string | null;
  plannedCompletion: string | null;
  milestones: number;
  lateMilestones: number;
  version: number;
  leaderId: string;
  unitId: string;
  enterpriseId: string | null;
};
export type ProjectMilestone = {
  id: string;
  seq: number;
  name: string;
  dueOn: string;
  dueAt: string;
  percent: number;
  state: 'planned' | 'dueSoon' | 'late' | 'done';
  track: Track;
  doneAt: string | null;
  version: number;
};
export type ProgressReport = {
  id: string;
  periodStart: string;
  periodEnd: string;
  dueAt: string;
  filedAt: string;
  filedByName: string;
  investmentCompleted: number;
  narrative: string;
  problems: string | null;
  onTime: boolean;
  milestones: Array<{ milestoneId: string; percent: number }>;
};
type ProjectProblem = { id: string; description: string; reportedAt: string; issueId: string; issueNumber: string; issueTitle: string; issueState: string; issueTrack: Track };
export type ProjectDetail = ProjectSummary & {
  team: Array<{ id: string; name: string; unitName: string | null }>;
  milestones: ProjectMilestone[];
  reports: ProgressReport[];
  problems: ProjectProblem[];
};
export type TypeTotals = { type: string; typeName: string; count: number; totalInvestment: number; plannedInvestmentYear: number; investmentCompleted: number };
export type ProjectFilter = { type?: string | undefined; state?: ProjectState | undefined; leaderId?: string | undefined; unitId?: string | undefined };
export type LateGroup = {
  leaderName: string;
  unitName: string;
  late: number;
  milestones: Array<{ projectId: string; projectName: string; milestoneId: string; name: string; dueOn: string; dueAt: string; percent: number; daysLate: number }>;
};

export type ProjectEvent = {
  seq: number;
  type: string;
  actor: { kind: string; name?: string; roles?: string[] } | null;
  payload: Record<string, unknown>;
  stateAfter: string;
  milestoneId: string | null;
  at: string;
};
export type MissingReports = {
  period: { start: string; end: string; dueAt: string };
  overdue: boolean;
  missing: number;
  projects: Array<{ id: string; name: string; type: string; leaderName: string; unitName: string }>;
};
/** What `POST /api/v1/projects/:id/…` answers: the project's new version. */
export type ProjectBrief = { id: string; name: string; state: ProjectState; version: number; updatedAt: string };
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
  types: () => get<{ items: Array<{ code: string; name: string; nameEn: string }> }>('/api/v1/projects/types'),
  list: (q: ProjectFilter & { limit: number; cursor?: string | undefined }) => get<Page<ProjectSummary>>('/api/v1/projects', q),
  one: (id: string) => get<ProjectDetail>(`/api/v1/projects/${id}`),
  summary: () => get<{ unit: string; byType: TypeTotals[]; total: Omit<TypeTotals, 'type' | 'typeName'> }>('/api/v1/projects/summary'),
  lagging: () => get<{ asOf: string; late: number; groups: LateGroup[] }>('/api/v1/projects/lagging'),
  exportUrl: (q: ProjectFilter) => urlOf('/api/v1/projects/export.xlsx', q),
  timeline: (id: string) => get<{ items: ProjectEvent[] }>(`/api/v1/projects/${id}/timeline`),
  missingReports: () => get<MissingReports>('/api/v1/projects/reports/missing'),
  create: (body: NewProject) => post<ProjectBrief>('/api/v1/projects', body),
  planMilestones: (id: string, body: { expectedVersion: number; milestones: Array<{ name: string; dueOn: string }> }) => post<ProjectBrief>(`/api/v1/projects/${id}/milestones`, body),
  replan: (id: string, milestoneId: string, body: { expectedVersion: number; dueOn: string; reason: string }) => post<ProjectBrief>(`/api/v1/projects/${id}/milestones/${milestoneId}/replan`, body),
  fileReport: (id: string, body: NewReport) => post<{ id: string; onTime: boolean; periodEnd: string }>(`/api/v1/projects/${id}/reports`, body),
  reportProblem: (id: string, body: NewProblem) => post<{ problemId: string; issueId: string; number: string; state: string; expectedDueAt: string }>(`/api/v1/projects/${id}/problems`, body),
  transition: (id: string, transition: ProjectTransition, body: { expectedVersion: number; reason?: string }) => post<ProjectBrief>(`/api/v1/projects/${id}/${transition}`, body),
};
