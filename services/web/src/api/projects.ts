import { get, urlOf } from './client.ts';
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
};
export type ProjectMilestone = { id: string; seq: number; name: string; dueOn: string; dueAt: string; percent: number; state: 'planned' | 'dueSoon' | 'late' | 'done'; track: Track; doneAt: string | null };
export type ProgressReport = { id: string; periodStart: string; periodEnd: string; dueAt: string; filedAt: string; filedByName: string; investmentCompleted: number; narrative: string; problems: string | null; onTime: boolean };
export type ProjectProblem = { id: string; description: string; reportedAt: string; issueId: string; issueNumber: string; issueTitle: string; issueState: string; issueTrack: Track };
export type ProjectDetail = ProjectSummary & { team: Array<{ id: string; name: string; unitName: string | null }>; milestones: ProjectMilestone[]; reports: ProgressReport[]; problems: ProjectProblem[] };
export type TypeTotals = { type: string; typeName: string; count: number; totalInvestment: number; plannedInvestmentYear: number; investmentCompleted: number };
export type ProjectFilter = { type?: string | undefined; state?: ProjectState | undefined; leaderId?: string | undefined; unitId?: string | undefined };
export type LateGroup = { leaderName: string; unitName: string; late: number; milestones: Array<{ projectId: string; projectName: string; milestoneId: string; name: string; dueOn: string; dueAt: string; percent: number; daysLate: number }> };

/** The key-project reads the console shows (registration and reporting stay with the API for now). */
export const projects = {
  types: () => get<{ items: Array<{ code: string; name: string; nameEn: string }> }>('/api/v1/projects/types'),
  list: (q: ProjectFilter & { limit: number; cursor?: string | undefined }) => get<Page<ProjectSummary>>('/api/v1/projects', q),
  one: (id: string) => get<ProjectDetail>(`/api/v1/projects/${id}`),
  summary: () => get<{ unit: string; byType: TypeTotals[]; total: Omit<TypeTotals, 'type' | 'typeName'> }>('/api/v1/projects/summary'),
  lagging: () => get<{ asOf: string; late: number; groups: LateGroup[] }>('/api/v1/projects/lagging'),
  exportUrl: (q: ProjectFilter) => urlOf('/api/v1/projects/export.xlsx', q),
};
