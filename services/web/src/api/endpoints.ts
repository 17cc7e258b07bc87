import { get, post, request } from './client.ts';
import type {
  ActionResult,
  CalendarStatus,
  Category,
  CategoryChanged,
  CategoryPolicy,
  PolicyChange,
  Enterprise,
  EnterpriseDetail,
  Filed,
  IssueDetail,
  IssueSummary,
  Leader,
  LeaderEnterprise,
  ListingItem,
  Me,
  Notice,
  NoticesMarked,
  OpenList,
  OrderIssued,
  OrderReplied,
  Page,
  Stage,
  SupervisionOrder,
  Task,
  TimeLimit,
  TimelineEvent,
  Unit,
  UnreadCount,
  UploadedAttachment,
} from './types.ts';

/** The filters every issue list takes (GET /api/v1/issues, the listing queue, the overdue board). */
export type IssueFilter = {
  stage?: Stage | undefined;
  open?: boolean | undefined;
  categoryId?: string | undefined;
  enterpriseId?: string | undefined;
  leaderId?: string | undefined;
  unitId?: string | undefined;
  /** Shanghai days `YYYY-MM-DD`, both included. */
  filedFrom?: string | undefined;
  filedTo?: string | undefined;
};
export type IssueSort = 'filedAt' | 'number' | 'dueAt' | 'stage';

/** The issue list's query: filters, the server's sort (default newest first), keyset pages. */
export type IssueQuery = IssueFilter & {
  /** `me`: 已办, the issues in whose ledger the official has acted. */
  actedBy?: 'me' | undefined;
  sort?: IssueSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit?: number;
  cursor?: string | undefined;
};

/** A filter as query parameters: booleans as the API's `true`/`false`. */
const filterQuery = <F extends { open?: boolean | undefined }>(f: F) => ({ ...f, open: f.open === undefined ? undefined : String(f.open) });

type Items<T> = { items: T[] };
type WorkPage = { limit: number; cursor?: string | undefined };

/** The typed public API the console uses; nothing else talks to the server. */
export const api = {
  login: (login: string, password: string) => post<{ token: string; kind: string; mustChangePassword: boolean }>('/api/v1/auth/login', { login, password }),
  logout: () => post<void>('/api/v1/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => post<{ token: string; kind: string }>('/api/v1/auth/password', { currentPassword, newPassword }),
  me: () => get<Me>('/api/v1/me'),
  calendarStatus: () => get<CalendarStatus>('/api/v1/calendar/status'),

  categories: () => get<Items<Category>>('/api/v1/categories'),
  categoryPolicies: () => get<Items<CategoryPolicy>>('/api/v1/categories'),
  changeCategory: (id: string, change: Record<string, unknown>) => request<CategoryChanged>('PATCH', `/api/v1/categories/${id}`, { body: change }),
  policyChanges: (q: { limit: number; cursor?: string | undefined }) => get<Page<PolicyChange>>('/api/v1/audit/policy-changes', q),
  units: () => get<Items<Unit>>('/api/v1/units'),
  leaders: () => get<Items<Leader>>('/api/v1/leaders'),
  enterprises: (q: { limit: number; cursor?: string | undefined; key?: 'true' | 'false'; name?: string }) => get<Page<Enterprise>>('/api/v1/enterprises', q),
  enterprise: (id: string) => get<EnterpriseDetail>(`/api/v1/enterprises/${id}`),

  issues: (q: IssueQuery) => get<Page<IssueSummary>>('/api/v1/issues', filterQuery(q)),
  issue: (id: string) => get<IssueDetail>(`/api/v1/issues/${id}`),
  timeline: (id: string) => get<TimelineEvent[]>(`/api/v1/issues/${id}/timeline`),
  file: (body: { categoryId: string; title: string; description: string; attachmentIds: string[] }) => post<Filed>('/api/v1/issues', body),
  /** `POST /api/v1/issues/:id/<action>`: one of ISSUE_ACTIONS (services/api/src/routes/issue-actions.ts). */
  act: (id: string, action: string, body: object = {}) => post<ActionResult>(`/api/v1/issues/${id}/${action}`, body),

  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<UploadedAttachment>('POST', '/api/v1/attachments', { form });
  },
  attachmentUrl: (id: string) => `/api/v1/attachments/${id}`,

  /** The work lists: keyset pages, most urgent first; `cursor` is the previous page's `nextCursor`. */
  inbox: (q: WorkPage) => get<Page<Task>>('/api/v1/inbox', q),
  listingQueue: (q: WorkPage & IssueFilter) => get<Page<ListingItem>>('/api/v1/listing-queue', filterQuery(q)),
  overdue: (q: WorkPage & IssueFilter) => get<Page<IssueSummary>>('/api/v1/supervision/overdue', filterQuery(q)),
  orders: (q: WorkPage & { open?: boolean | undefined; issueId?: string | undefined; projectId?: string | undefined }) =>
    get<Page<SupervisionOrder>>('/api/v1/supervision/orders', { ...q, open: q.open === undefined ? undefined : String(q.open) }),
  replyOrder: (id: string, reply: string) => post<OrderReplied>(`/api/v1/supervision/orders/${id}/reply`, { reply }),
  /** A 督办单 by hand (supervisor): what to answer, and a time limit from now or a due time. */
  issueOrder: (issueId: string, body: { requiredReply: string; dueIn?: TimeLimit; dueAt?: string }) => post<OrderIssued>(`/api/v1/issues/${issueId}/supervision-orders`, body),
  /** A leader's enterprises with their open issue counts (`me`: the signed-in leader). */
  leaderEnterprises: (leaderId: string, q: WorkPage) => get<Page<LeaderEnterprise>>(`/api/v1/leaders/${leaderId}/enterprises`, q),

  /** 未办结事项清单 grouped by leader or unit (reports package); offset pages of items. */
  openList: (q: { groupBy: 'leader' | 'unit'; limit: number; offset: number }) => get<OpenList>('/api/v1/reports/open-list', q),

  unreadCount: () => get<UnreadCount>('/api/v1/notifications/unread-count'),
  notifications: (q: { limit: number; cursor?: string | undefined; unread?: 'true' | undefined }) => get<Page<Notice>>('/api/v1/notifications', q),
  markRead: (id: string) => post<Notice>(`/api/v1/notifications/${id}/read`),
  markAllRead: () => post<NoticesMarked>('/api/v1/notifications/read-all'),
};
