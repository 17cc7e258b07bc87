/** Shapes of the API's answers (services/api/src/routes, /openapi.json). Times are ISO strings. */

import type { Answer, Me as MeAnswer, Role as RoleAnswer } from '@huiyin/contract';

export type Role = Answer<typeof RoleAnswer>;

export type Me = Answer<typeof MeAnswer>;

/** The worst step of an issue's running clocks (packages/domain TRACK_STEPS). */
export type Track = 'on_time' | 'reminded' | 'yellow' | 'red' | 'leader' | 'supervision';

export type Stage = 'submitted' | 'listed' | 'awaitingClaim' | 'returned' | 'inProgress' | 'answerReview' | 'answerSignOff' | 'resolved' | 'reopened' | 'closed' | 'withdrawn' | 'duplicate';

export type TimeLimit = { amount: number; unit: 'workingDays' | 'workingHours' | 'hours' | 'minutes' | 'seconds' };

export type IssueSummary = {
  id: string;
  number: string;
  title: string;
  state: string;
  stage: Stage;
  statusNote: string;
  version: number;
  track: Track;
  greenChannel: boolean;
  filedAt: string;
  expectedDueAt: string | null;
  claimDueAt: string | null;
  /** The due time of the most pressing running clock (listing, claim or handling); null when none runs. */
  pressingDueAt?: string | null;
  listingDueAt?: string | null;
  handlingDueAt: string | null;
  ratingDueAt: string | null;
  closedAt: string | null;
  enterpriseId: string;
  enterpriseName: string;
  categoryName: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  leaderId: string | null;
  leaderName: string | null;
};

type Milestone = { id: string; seq: number; title: string; dueAt: string; doneAt: string | null; note: string | null };
type PendingDocument = { id: string; name: string; dueAt: string; suppliedAt: string | null };
type Reply = { id: string; kind: string; body: string; outcome: 'positive' | 'negative' | null; wayForward: string | null; status: string; createdAt: string; sentAt: string | null };
type Rating = { round: number; resolved: string; satisfaction: string; comment: string | null; source: string; ratedAt: string };
export type Attachment = { id: string; filename: string; mediaType: string; sizeBytes: number; createdAt?: string };
type Assist = { unitId: string; unitName: string; dueAt: string | null; answeredAt: string | null; answer?: string | null };

export type IssueDetail = IssueSummary & {
  description: string;
  channel: string;
  duplicateOf: string | null;
  firstResponderId: string | null;
  /** How far the unit may still extend (officials only). */
  extensionBounds?: { maxExtension: TimeLimit; maxExtensions: number; granted: number };
  /** 首问责任人: the official who recorded the problem for the enterprise. */
  firstResponder?: { id: string; name: string } | null;
  timeLimit: TimeLimit;
  timeLimitSource: 'dispatcher' | 'category' | 'green_channel';
  /** A due time counted through a year with no declared holidays (`undeclaredYears`) may still move. */
  provisional?: boolean;
  undeclaredYears?: number[];
  assists: Assist[];
  milestones: Milestone[];
  pendingDocuments: PendingDocument[];
  replies: Reply[];
  ratings: Rating[];
  attachments: Attachment[];
};

export type TimelineEvent = { seq: number; type: string; at: string; stateAfter: string; payload: Record<string, unknown>; actor: { kind: string; roles?: string[] } | null };

export type Page<T> = { items: T[]; nextCursor: string | null };

type TaskKind = 'list' | 'ruleReturn' | 'claim' | 'handle' | 'assist' | 'review' | 'signOff' | 'extension' | 'escalated' | 'supervisionOrder' | 'firstResponse';

/** `issueId` null and `projectId` set: a key project's 督办单 (its `number` reads 重点项目, its `title` the project's name). */
export type Task = {
  issueId: string | null;
  number: string;
  title: string;
  enterpriseName: string;
  task: TaskKind;
  dueAt: string | null;
  state: string;
  version: number;
  track: Track;
  projectId?: string | null;
};

export type ListingItem = {
  id: string;
  number: string;
  title: string;
  state: string;
  version: number;
  filedAt: string;
  greenChannel: boolean;
  enterpriseName: string;
  isKey: boolean;
  categoryName: string;
  defaultTimeLimit: TimeLimit;
  /** From which handling limit the listing needs a milestone plan. */
  milestonesRequiredFrom: TimeLimit;
  defaultLeaderId: string | null;
  defaultLeaderName: string | null;
  defaultLeadUnitId: string | null;
  defaultLeadUnitName: string | null;
};

/** An issue's 督办单, or a key project's (`projectId`; `issueId` and `number` null, `title` the project's name). */
export type SupervisionOrder = {
  id: string;
  issueId: string | null;
  number: string | null;
  title: string;
  projectId: string | null;
  projectName: string | null;
  /** The clock whose track issued it; null for one supervision issued by hand (`issuedByName`). */
  clock: string | null;
  issuedByName: string | null;
  unitId: string | null;
  unitName: string | null;
  issuedAt: string;
  dueAt: string;
  requiredReply: string;
  repliedAt: string | null;
  reply: string | null;
  /** The reply clock: unanswered past `replyDueAt`, or answered late; `escalatedAt` when it escalated for it. */
  replyDueAt: string;
  replyOverdue: boolean;
  escalatedAt: string | null;
};

/** One of a leader's enterprises (分包), with its open, overdue and escalated issue counts. */
export type LeaderEnterprise = { id: string; name: string; isKey: boolean; industry: string; unitId: string; unitName: string; openIssues: number; overdueIssues: number; escalatedIssues: number };

export type Category = { id: string; code: string; name: string; greenChannel: boolean; claimLimit: TimeLimit; handlingLimit: TimeLimit };
/** A category's whole time-limit policy, as officials read it (GET /api/v1/categories). */
export type CategoryPolicy = Category & {
  listingLimit: TimeLimit;
  supplementLimit: TimeLimit;
  ratingLimit: TimeLimit;
  maxExtension: TimeLimit;
  maxExtensions: number;
  maxPause: TimeLimit;
  assistMargin: TimeLimit;
  milestonesRequiredFrom: TimeLimit;
};
/** One recorded change of a time-limit rule (GET /api/v1/audit/policy-changes). */
export type PolicyChange = {
  id: string;
  at: string;
  subject: 'category' | 'calendar_day';
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  by: { login: string; name: string | null } | null;
};
export type Unit = { id: string; name: string; shortName: string };
export type Leader = { id: string; name: string; title: string };
export type Enterprise = { id: string; name: string; creditCode: string; isKey: boolean; industry: string; address: string };
export type EnterpriseDetail = Enterprise & { leaderName: string | null; leaderTitle: string | null; unitName: string | null; unitHeadName: string | null };

/** What every issue action answers with. */
export type ActionResult = { id: string; number: string; state: string; statusNote: string; version: number; event: string };
export type Filed = { id: string; number: string; state: string; statusNote: string; expectedDueAt: string | null; version: number };

/** 未办结事项清单 (packages/reports open-list): groups with their counts, items paged by offset. */
export type OpenGroup = { id: string | null; name: string; open: number; overdue: number; red: number; yellow: number };
export type OpenItem = IssueRefLine & { groupId: string | null; groupName: string };
type IssueRefLine = {
  id: string;
  number: string;
  title: string;
  enterpriseName: string;
  state: string;
  statusNote: string;
  track: Track;
  leaderName: string | null;
  unitName: string | null;
  claimDueAt: string | null;
  handlingDueAt: string | null;
  filedAt: string;
  overdue: boolean;
};
export type OpenList = { groupBy: 'leader' | 'unit'; asOf: string; groups: OpenGroup[]; items: OpenItem[]; total: number; limit: number; offset: number };

/** An in-app notification: the same words as its mail, with the console path it points to. */
export type Notice = { id: string; issueId: string | null; subject: string; body: string; link: string | null; createdAt: string; readAt: string | null };
