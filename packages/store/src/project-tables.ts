import type { ColumnType, Generated } from 'kysely';
import type { ClockStep, TrackPolicy } from '@huiyin/domain';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A Shanghai calendar day as `YYYY-MM-DD` text (checked by the database to be a real date). */
type DateColumn = string;

interface ProjectTypeTable {
  code: string;
  name: string;
  name_en: string;
  sort: number;
  /** The track its milestones' clocks walk (migration T10; the reminder is the milestone's dueSoon). */
  track_policy: ColumnType<Partial<TrackPolicy>, string | undefined, string>;
  /** The track its progress reports' clocks walk. */
  report_track_policy: ColumnType<Partial<TrackPolicy>, string | undefined, string>;
}
/** A key project (重点项目). Money in 万元, integers. */
export interface ProjectTable {
  id: Generated<string>;
  name: string;
  type_code: string;
  /** The owner enterprise (业主), if any: the enterprise a handed-over problem is filed for. */
  enterprise_id: string | null;
  total_investment: number;
  plan_year: number;
  planned_investment_year: number;
  /** Completed to date, as the latest progress report gives it. */
  investment_completed: Generated<number>;
  leader_id: string;
  unit_id: string;
  start_date: DateColumn;
  planned_completion: DateColumn;
  state: string;
  snapshot: Json<unknown>;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
}
interface ProjectMemberTable {
  project_id: string;
  official_id: string;
}
export interface ProjectMilestoneTable {
  id: Generated<string>;
  project_id: string;
  seq: number;
  name: string;
  due_on: DateColumn;
  /** The end of the due day in Shanghai: where a clock's track would be measured from. */
  due_at: Timestamp;
  percent: Generated<number>;
  state: 'planned' | 'dueSoon' | 'late' | 'done';
  snapshot: Json<unknown>;
  version: number;
  /** The worst step reached on the timeliness track, as on issues. */
  track: Generated<ClockStep>;
  done_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ProgressReportTable {
  id: Generated<string>;
  project_id: string;
  period_start: DateColumn;
  period_end: DateColumn;
  due_at: Timestamp;
  filed_at: Timestamp;
  filed_by: string;
  investment_completed: number;
  narrative: string;
  problems: string | null;
  on_time: boolean;
}
interface ProgressReportItemTable {
  report_id: string;
  milestone_id: string;
  percent: number;
}
interface ProjectProblemTable {
  id: Generated<string>;
  project_id: string;
  milestone_id: string | null;
  report_id: string | null;
  description: string;
  reported_by: string;
  reported_at: Timestamp;
  issue_id: string;
}
interface ProjectEventTable {
  id: Generated<string>;
  project_id: string;
  milestone_id: string | null;
  seq: number;
  type: string;
  actor: Json<unknown>;
  actor_account_id: string | null;
  payload: Json<unknown>;
  state_after: string;
  at: Timestamp;
  /** Hash of the project's previous event (null for the first); set by the database's trigger (migration T21). */
  prev_hash: ColumnType<string | null, never, never>;
  /** sha256(prev_hash || canonical content), hex; set by the database's trigger. */
  hash: ColumnType<string, never, never>;
}

/** The project tables, merged into `Database` in schema.ts. */
export interface ProjectTables {
  project_types: ProjectTypeTable;
  projects: ProjectTable;
  project_members: ProjectMemberTable;
  project_milestones: ProjectMilestoneTable;
  progress_reports: ProgressReportTable;
  progress_report_items: ProgressReportItemTable;
  project_problems: ProjectProblemTable;
  project_events: ProjectEventTable;
}
