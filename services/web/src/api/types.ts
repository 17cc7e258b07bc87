/** Shapes of the API's answers (services/api/src/routes, /openapi.json). Times are ISO strings. */

import type {
  Answer,
  Attachment as AttachmentAnswer,
  CalendarStatus as CalendarStatusAnswer,
  Category as CategoryAnswer,
  CategoryChanged as CategoryChangedAnswer,
  CategoryPolicy as CategoryPolicyAnswer,
  Enterprise as EnterpriseAnswer,
  EnterpriseDetail as EnterpriseDetailAnswer,
  IssueDetail as IssueDetailAnswer,
  IssueFiled,
  IssueListingItem,
  IssueStage,
  IssueStep,
  IssueSummary as IssueSummaryAnswer,
  Leader as LeaderAnswer,
  LeaderEnterprise as LeaderEnterpriseAnswer,
  Limit,
  Me as MeAnswer,
  Notification as NotificationAnswer,
  NotificationsMarked as NotificationsMarkedAnswer,
  NotificationUnreadCount as NotificationUnreadCountAnswer,
  PolicyChange as PolicyChangeAnswer,
  Role as RoleAnswer,
  SupervisionOrder as SupervisionOrderAnswer,
  SupervisionOrderIssued,
  SupervisionOrderReplied,
  Task as TaskAnswer,
  TimelineEvent as TimelineEventAnswer,
  Unit as UnitAnswer,
} from '@huiyin/contract';

export type Role = Answer<typeof RoleAnswer>;

export type Me = Answer<typeof MeAnswer>;

export type Stage = Answer<typeof IssueStage>;

export type TimeLimit = Answer<typeof Limit>;

export type IssueSummary = Answer<typeof IssueSummaryAnswer>;

export type IssueDetail = Answer<typeof IssueDetailAnswer>;

export type TimelineEvent = Answer<typeof TimelineEventAnswer>;

export type Page<T> = { items: T[]; nextCursor: string | null };

/** `issueId` null and `projectId` set: a key project's 督办单 (its `number` reads 重点项目, its `title` the project's name). */
export type Task = Answer<typeof TaskAnswer>;

/** An issue in the listing queue, with the four elements its assignment prefills. */
export type ListingItem = Answer<typeof IssueListingItem>;

/** An issue's 督办单, or a key project's (`projectId`; `issueId` and `number` null, `title` the project's name). */
export type SupervisionOrder = Answer<typeof SupervisionOrderAnswer>;
/** What POST /api/v1/issues/{id}/supervision-orders answers. */
export type OrderIssued = Answer<typeof SupervisionOrderIssued>;
/** What POST /api/v1/supervision/orders/{id}/reply answers. */
export type OrderReplied = Answer<typeof SupervisionOrderReplied>;

/** One of a leader's enterprises (分包), with its open, overdue and escalated issue counts. */
export type LeaderEnterprise = Answer<typeof LeaderEnterpriseAnswer>;

/** A category as an enterprise sees it (GET /api/v1/categories); officials get its `CategoryPolicy`. */
export type Category = Answer<typeof CategoryAnswer>;
/** A category's whole time-limit policy, as officials read it (GET /api/v1/categories). */
export type CategoryPolicy = Answer<typeof CategoryPolicyAnswer>;
/** What PATCH /api/v1/categories/{id} answers: the policy and what it moved. */
export type CategoryChanged = Answer<typeof CategoryChangedAnswer>;
/** One recorded change of a time-limit rule (GET /api/v1/audit/policy-changes). */
export type PolicyChange = Answer<typeof PolicyChangeAnswer>;
export type Unit = Answer<typeof UnitAnswer>;
export type Leader = Answer<typeof LeaderAnswer>;
export type Enterprise = Answer<typeof EnterpriseAnswer>;
export type EnterpriseDetail = Answer<typeof EnterpriseDetailAnswer>;
/** What POST /api/v1/attachments answers. */
export type UploadedAttachment = Answer<typeof AttachmentAnswer>;
/** Whether next year's holidays are declared (GET /api/v1/calendar/status). */
export type CalendarStatus = Answer<typeof CalendarStatusAnswer>;

/** What every issue action answers with. */
export type ActionResult = Answer<typeof IssueStep>;
export type Filed = Answer<typeof IssueFiled>;

/** 未办结事项清单: declared with the other reports. */
export type { OpenGroup, OpenItem, OpenList } from './report-types.ts';

/** An in-app notification: the same words as its mail, with the console path it points to. */
export type Notice = Answer<typeof NotificationAnswer>;
export type UnreadCount = Answer<typeof NotificationUnreadCountAnswer>;
export type NoticesMarked = Answer<typeof NotificationsMarkedAnswer>;
