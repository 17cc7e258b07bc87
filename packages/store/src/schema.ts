import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ClockKind, ClockStep, Role, TrackPolicy } from '@huiyin/domain';
import type { TimeLimit } from '@huiyin/calendar';
import type { ProjectTables } from './projects/project-tables.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface LeaderTable { id: Generated<string>; name: string; title: string }
export interface UnitTable { id: Generated<string>; name: string; short_name: string }
export interface OfficialTable {
  id: Generated<string>;
  name: string;
  email: string;
  phone: string | null;
  unit_id: string | null;
  leader_id: string | null;
  roles: Role[];
}
export type Contact = { name: string; role: string; phone: string; email: string };
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
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
}
export interface SessionTable { token_hash: string; account_id: string; created_at: Generated<Date>; expires_at: Timestamp }
export interface AssignmentTable { enterprise_id: string; leader_id: string; unit_id: string; unit_head_id: string }
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
  claim_due_at: Timestamp | null;
  handling_due_at: Timestamp | null;
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

export interface ClockTable {
  id: Generated<string>;
  /**
   * The issue the clock runs for. Null for a key project's clock (`project_id`, kinds
   * `milestone` and `report`): read as a string, since every query of issue kinds gets one.
   */
  issue_id: ColumnType<string, string | null, string | null>;
  /** The key project of a `milestone` or `report` clock (migration T10); null for an issue's. */
  project_id: Generated<string | null>;
  kind: ClockKind | 'milestone' | 'report';
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
}
export interface TimelinessTable {
  id: Generated<string>;
  issue_id: string;
  what: 'claim' | 'first_contact' | 'answer' | 'assist';
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

export interface Database extends ProjectTables {
  bulletins: BulletinTable;
  appeals: AppealTable;
  clocks: ClockTable;
  timeliness: TimelinessTable;
  supervision_orders: SupervisionOrderTable;
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
  calendar_days: CalendarDayTable;
}

export type IssueRow = Selectable<IssueTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type NewOutbox = Insertable<OutboxTable>;
export type ClockRow = Selectable<ClockTable>;
