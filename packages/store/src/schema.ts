import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AnyClockKind, ClockStep, Role, TrackPolicy } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { ProjectTables } from './project-tables.ts';
import type { LedgerCheckpointTable } from './ledger-tables.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface LeaderTable {
  id: Generated<string>;
  name: string;
  title: string;
}
export interface UnitTable {
  id: Generated<string>;
  name: string;
  short_name: string;
}
export interface OfficialTable {
  id: Generated<string>;
  name: string;
  email: string;
  phone: string | null;
  unit_id: string | null;
  leader_id: string | null;
  roles: Role[];
  /** Where routine notices reach this official (`sms` to `phone`); null: mail only (README.md#notice-channels). */
  notice_channels: ColumnType<Array<'mail' | 'sms'> | null, Array<'mail' | 'sms'> | null | undefined, Array<'mail' | 'sms'> | null>;
  /** Set when an admin deactivated the official: no sign-in (migration 2026-12-06T23). */
  deactivated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
/** `sms`: the contact opted in to SMS notices (absent on contacts stored before the opt-in: no). */
export type Contact = { name: string; role: string; phone: string; email: string; sms?: boolean };
export interface EnterpriseTable {
  id: Generated<string>;
  name: string;
  credit_code: string;
  is_key: boolean;
  industry: string;
  address: string;
  contacts: Json<Contact[]>;
  created_at: Generated<Date>;
}
export interface AccountTable {
  id: Generated<string>;
  login: string;
  password_hash: string;
  enterprise_id: string | null;
  official_id: string | null;
  /** An admin-set password: every call but changing it is refused until it is changed (2026-12-06T20). */
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
  created_at: Generated<Date>;
}
/** Wrong passwords per login name (known or not) and client address (2026-12-06T20). */
export interface LoginFailureTable {
  login: string;
  address: string;
  failures: Generated<number>;
  /** Locks in the last day: each lasts twice as long as the one before. */
  strikes: Generated<number>;
  locked_until: Timestamp | null;
  last_failed_at: Timestamp;
}
/** An enterprise's API key: only its hash is kept (migration 2026-12-06T19). */
export interface ApiKeyTable {
  id: Generated<string>;
  enterprise_id: string;
  account_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}
/** A single-use password reset sent by mail: only the token's hash is kept (migration 2026-12-06T23). */
export interface PasswordResetTokenTable {
  token_hash: string;
  account_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface SessionTable {
  token_hash: string;
  account_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}
export interface AssignmentTable {
  enterprise_id: string;
  leader_id: string;
  unit_id: string;
  unit_head_id: string;
}
export interface CategoryTable {
  id: Generated<string>;
  code: string;
  name: string;
  green_channel: boolean;
  claim_limit: Json<TimeLimit>;
  handling_limit: Json<TimeLimit>;
  supplement_limit: Json<TimeLimit>;
  rating_limit: Json<TimeLimit>;
  rating_timeout_outcome: 'close_unrated' | 'close_satisfied';
  track_policy: ColumnType<TrackPolicy, string | undefined, string>;
  /** The longest extension one request may ask (null: the handling limit). Migration T16. */
  max_extension: Json<TimeLimit> | null;
  /** Extensions an issue may be granted. */
  max_extensions: Generated<number>;
  /** Working time an issue may spend paused, in all (null: the handling limit). */
  max_pause: Json<TimeLimit> | null;
  /** From which handling limit a milestone plan is required at listing (migration T17); null: 5 working days. */
  milestones_required_from: Json<TimeLimit> | null;
  /** 列单派单时限, from filing to dispatch (null: `DEFAULT_LISTING_LIMIT`, the green channel's on the green channel). */
  listing_limit: Json<TimeLimit> | null;
  /** How long before the lead unit's due time an assisting unit's answer is due (null: `DEFAULT_ASSIST_MARGIN`). */
  assist_margin: Json<TimeLimit> | null;
}
export interface IssueTable {
  id: Generated<string>;
  number: string;
  enterprise_id: string;
  category_id: string;
  title: string;
  description: string;
  channel: string;
  filed_by: string;
  first_responder_id: string | null;
  state: string;
  stage: string;
  status_note: string;
  snapshot: Json<unknown>;
  version: number;
  green_channel: boolean;
  leader_id: string | null;
  lead_unit_id: string | null;
  time_limit: Json<TimeLimit> | null;
  expected_due_at: Timestamp;
  /** The listing clock's due time, from filing to dispatch (migration T16; null for issues filed before it). */
  listing_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  claim_due_at: Timestamp | null;
  handling_due_at: Timestamp | null;
  /** Generated by the database (T13): the running claim or handling clock's due time; overdue when past. */
  pressing_due_at: ColumnType<Date | null, never, never>;
  rating_due_at: Timestamp | null;
  duplicate_of: string | null;
  filed_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  track: Generated<ClockStep>;
  /** Set when the issue is a problem handed over from a key project (即刻交办). */
  project_id: Generated<string | null>;
}
export interface IssueAssistTable {
  issue_id: string;
  unit_id: string;
  due_at: Timestamp;
  answered_at: Timestamp | null;
  answer: string | null;
  answered_by: string | null;
}
export interface MilestoneTable {
  id: Generated<string>;
  issue_id: string;
  seq: number;
  title: string;
  due_at: Timestamp;
  done_at: Timestamp | null;
  note: string | null;
}
export interface AttachmentTable {
  id: Generated<string>;
  issue_id: string | null;
  uploaded_by: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}
export interface PendingDocumentTable {
  id: Generated<string>;
  issue_id: string;
  name: string;
  due_at: Timestamp;
  supplied_at: Timestamp | null;
  attachment_id: string | null;
}
export type ReplyKind = 'interim' | 'final' | 'info_request' | 'first_contact' | 'assist';
export interface ReplyTable {
  id: Generated<string>;
  issue_id: string;
  kind: ReplyKind;
  body: string;
  outcome: 'positive' | 'negative' | null;
  way_forward: string | null;
  author_id: string;
  unit_id: string | null;
  status: 'draft' | 'sent' | 'rejected' | 'internal';
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  signed_off_by: string | null;
  signed_off_at: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}
export interface RatingTable {
  id: Generated<string>;
  issue_id: string;
  round: number;
  resolved: string | null;
  satisfaction: string | null;
  comment: string | null;
  source: 'enterprise' | 'rating_timeout' | 'struck_off';
  rated_at: Timestamp;
}
export interface IssueReturnTable {
  id: Generated<string>;
  issue_id: string;
  unit_id: string;
  returned_by: string;
  reason: string;
  returned_at: Timestamp;
  upheld: boolean | null;
  ruled_by: string | null;
  ruled_at: Timestamp | null;
  ruling_note: string | null;
}
export interface ExtensionTable {
  id: Generated<string>;
  issue_id: string;
  requested_by: string;
  reason: string;
  amount: Json<TimeLimit>;
  requested_at: Timestamp;
  decision: 'approved' | 'denied' | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  new_due_at: Timestamp | null;
}
export interface IssueEventTable {
  id: Generated<string>;
  issue_id: string;
  seq: number;
  type: string;
  actor: Json<unknown>;
  actor_account_id: string | null;
  payload: Json<unknown>;
  state_after: string;
  visible_to_enterprise: boolean;
  at: Timestamp;
  /** Hash of the issue's previous event (null for the first); set by the database's trigger. */
  prev_hash: ColumnType<string | null, never, never>;
  /** sha256(prev_hash || canonical content), hex; set by the database's trigger. */
  hash: ColumnType<string, never, never>;
}
export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  payload: Json<unknown>;
  issue_id: string | null;
  created_at: Generated<Date>;
  available_at: Generated<Date>;
  attempts: Generated<number>;
  last_error: string | null;
  processed_at: Timestamp | null;
  enqueued_at: Timestamp | null;
  /** Names the message: a second insert with the same key does nothing. */
  dedupe_key: string | null;
  /** The addresses the mail went to, once delivered. */
  delivered_to: Json<string[]> | null;
}
export interface NotificationTable {
  id: Generated<string>;
  account_id: string;
  issue_id: string | null;
  subject: string;
  body: string;
  link: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  dedupe_key: string | null;
}
export interface IdempotencyKeyTable {
  account_id: string;
  key: string;
  request_hash: string;
  issue_id: string;
  created_at: Generated<Date>;
}

/** An account's Idempotency-Key on a create other than filing: claimed (no answer yet), then its first answer. */
export interface IdempotentRequestTable {
  account_id: string;
  key: string;
  /** Method and route template, e.g. `POST /api/v1/appeals`. */
  route: string;
  request_hash: string;
  /** Which request holds the key: only it may keep its answer or free it. */
  claim: string;
  status: number | null;
  response: unknown;
  created_at: Generated<Date>;
}

export interface ClockTable {
  id: Generated<string>;
  /**
   * The issue the clock runs for. Null for a key project's clock (`project_id`, kinds
   * `milestone` and `report`): read as a string, since every query of issue kinds gets one.
   */
  issue_id: ColumnType<string, string | null, string | null>;
  /** The key project of a `milestone` or `report` clock (migration T10); null for an issue's. */
  project_id: Generated<string | null>;
  kind: AnyClockKind;
  subject: Generated<string>;
  status: 'running' | 'paused' | 'stopped';
  started_at: Timestamp;
  due_at: Timestamp;
  paused_at: Timestamp | null;
  step: Generated<ClockStep>;
  next_step: ClockStep | null;
  next_step_at: Timestamp | null;
  version: Generated<number>;
  stopped_at: Timestamp | null;
  outcome: 'met' | 'missed' | 'cancelled' | null;
  /** Paused time already credited to `due_at`, in the clock's measure (migration T16); bigint, read as a string. */
  paused_ms: ColumnType<string, string | number | undefined, string | number>;
}
export interface TimelinessTable {
  id: Generated<string>;
  issue_id: string;
  what: 'claim' | 'first_contact' | 'answer' | 'assist' | 'listing';
  unit_id: string | null;
  due_at: Timestamp;
  done_at: Timestamp;
  on_time: boolean;
  round: Generated<number>;
}
export interface SupervisionOrderTable {
  id: Generated<string>;
  /** Null for a key project's order (`project_id`); read as a string, as `ClockTable.issue_id`. */
  issue_id: ColumnType<string, string | null, string | null>;
  project_id: Generated<string | null>;
  /** Null for an order supervision issued by hand (`issued_by`). */
  clock_id: string | null;
  /** The supervisor's account that issued the order by hand; null when a clock issued it. */
  issued_by: Generated<string | null>;
  unit_id: string | null;
  issued_at: Timestamp;
  due_at: Timestamp;
  required_reply: string;
  replied_at: Timestamp | null;
  reply: string | null;
  /** When the order, past its reply due time unanswered, was escalated (migration T16). */
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** `governance`: a 主动治理 task covering many issues (`supervision_order_issues`), no owner column (migration T30). */
  kind: Generated<'supervision' | 'governance'>;
  /** A governance task's title; null for the other orders. */
  title: Generated<string | null>;
}

/** The issues a 主动治理 task (a `governance` order) covers (migration T30). */
export interface SupervisionOrderIssueTable {
  order_id: string;
  issue_id: string;
}

/**
 * An operator-declared holiday or make-up workday. Read `date` as text (`to_char(date, 'YYYY-MM-DD')`):
 * pg would parse a bare date to a Date at the process's local midnight.
 */
export interface CalendarDayTable {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string | null;
  source: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Who changed a time-limit rule, and its values before and after (migration T16); append-only. */
export interface PolicyChangeTable {
  id: Generated<string>;
  at: Generated<Date>;
  account_id: string | null;
  subject: 'category' | 'calendar_day';
  /** The category's id, or the date. */
  subject_id: string;
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>> | null;
}

/** 每半月汇总通报: a frozen snapshot (`content`) of one period's report; never updated. */
export interface BulletinTable {
  id: Generated<string>;
  period_id: string;
  period_start: Timestamp;
  period_end: Timestamp;
  kind: 'scheduled' | 'on_demand';
  generated_at: Timestamp;
  generated_by: string | null;
  content: Json<unknown>;
  /** 0 for a period's first bulletin; 1, 2, … for each revision (修订版) generated after it. */
  revision: Generated<number>;
}
/** 申诉: a unit asks that an issue be left out of its scores; supervision decides. */
export interface AppealTable {
  id: Generated<string>;
  issue_id: string;
  unit_id: string;
  reason: 'unreasonable' | 'duplicate' | 'malicious';
  text: string;
  filed_by: string;
  filed_at: Timestamp;
  status: Generated<'pending' | 'accepted' | 'rejected'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

/** Search and similar problems: the character bigrams of an issue's title and description, written by a trigger on insert (migration T24). */
export interface IssueTextTable {
  issue_id: string;
  /** The issue's `filed_at` (never changes): search sorts its matches here. */
  filed_at: Date;
  grams: string[];
}

/** Each open issue's track, leader, lead unit and pressing due time, and the columns of the visibility rule, kept by triggers on `issues` for the 未办结 list (migrations T31–T33); never written by the engine. */
export interface OpenIssueTrackTable {
  issue_id: string;
  track: string;
  leader_id: string | null;
  lead_unit_id: string | null;
  pressing_due_at: Date | null;
  enterprise_id: string | null;
  first_responder_id: string | null;
}

export interface Database extends ProjectTables {
  bulletins: BulletinTable;
  appeals: AppealTable;
  clocks: ClockTable;
  timeliness: TimelinessTable;
  supervision_orders: SupervisionOrderTable;
  supervision_order_issues: SupervisionOrderIssueTable;
  open_issue_tracks: OpenIssueTrackTable;
  leaders: LeaderTable;
  units: UnitTable;
  officials: OfficialTable;
  enterprises: EnterpriseTable;
  accounts: AccountTable;
  sessions: SessionTable;
  assignments: AssignmentTable;
  categories: CategoryTable;
  issues: IssueTable;
  issue_assists: IssueAssistTable;
  milestones: MilestoneTable;
  attachments: AttachmentTable;
  pending_documents: PendingDocumentTable;
  replies: ReplyTable;
  ratings: RatingTable;
  issue_returns: IssueReturnTable;
  extensions: ExtensionTable;
  issue_events: IssueEventTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  idempotency_keys: IdempotencyKeyTable;
  idempotent_requests: IdempotentRequestTable;
  api_keys: ApiKeyTable;
  login_failures: LoginFailureTable;
  calendar_days: CalendarDayTable;
  policy_changes: PolicyChangeTable;
  ledger_checkpoints: LedgerCheckpointTable;
  issue_texts: IssueTextTable;
  notice_webhooks: NoticeWebhookTable;
  notice_channel_health: NoticeChannelHealthTable;
  password_reset_tokens: PasswordResetTokenTable;
  issue_reminders: IssueReminderTable;
  issue_links: IssueLinkTable;
}

export type IssueRow = Selectable<IssueTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type NewOutbox = Insertable<OutboxTable>;
export type ClockRow = Selectable<ClockTable>;

/** A group robot (WeCom or DingTalk) of a unit or a leader: their 工作群 (README.md#notice-channels). */
export interface NoticeWebhookTable {
  id: Generated<string>;
  owner_kind: 'unit' | 'leader';
  owner_id: string;
  vendor: 'wecom' | 'dingtalk';
  url: string;
  /** DingTalk's signing secret (SEC…), when the robot signs. */
  secret: string | null;
  enabled: Generated<boolean>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}
/** One channel's run of failures (`webhook:<id>` or `sms`), so one that keeps failing is reported. */
export interface NoticeChannelHealthTable {
  channel: string;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  last_failed_at: Timestamp | null;
  last_sent_at: Timestamp | null;
  reported_at: Timestamp | null;
}

/** A 催办 pressed on an overdue issue: at most one per issue, presser and Shanghai day. */
export interface IssueReminderTable {
  id: Generated<string>;
  issue_id: string;
  pressed_by: string;
  presser: 'enterprise' | 'leader';
  /** The Shanghai day it was pressed, `YYYY-MM-DD`. */
  day: string;
  pressed_at: Timestamp;
}

/** 关联诉求: two issues about the same problem, any enterprises; the pair once, `issue_a` < `issue_b` (migration T27). */
export interface IssueLinkTable {
  issue_a: string;
  issue_b: string;
  linked_by: string;
  linked_at: Timestamp;
}
