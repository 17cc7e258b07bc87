import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Key projects' clocks in the issues' clocks table, so that the same timers, reconciler and
// batches walk them: a `milestone` clock per open milestone (subject: the milestone's id) and a
// `report` clock per owed progress-report period (subject: the period's last day).

/** The issues' standard track, except that a milestone is reminded (due soon) a week ahead. */
const MILESTONE_POLICY =
  '{"reminderBeforeSeconds":604800,"yellowBeforeSeconds":14400,"leaderAfterSeconds":14400,"supervisionAfterSeconds":86400,"supervisionOrderLimit":{"amount":3,"unit":"workingDays"},"firstContactLimit":{"amount":1,"unit":"workingDays"}}';
const REPORT_POLICY =
  '{"reminderBeforeSeconds":86400,"yellowBeforeSeconds":14400,"leaderAfterSeconds":14400,"supervisionAfterSeconds":86400,"supervisionOrderLimit":{"amount":3,"unit":"workingDays"},"firstContactLimit":{"amount":1,"unit":"workingDays"}}';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table clocks alter column issue_id drop not null`.execute(db);
  await sql`alter table clocks add column project_id uuid references projects(id)`.execute(db);
  await sql`alter table clocks drop constraint clocks_kind_check`.execute(db);
  await sql`alter table clocks add constraint clocks_kind_check check (kind in ('claim','handling','supplement','rating','assist','milestone','report'))`.execute(db);
  // A clock belongs to exactly one issue or one project, and project kinds only to projects.
  await sql`alter table clocks add constraint clocks_one_owner check ((issue_id is null) <> (project_id is null))`.execute(db);
  await sql`alter table clocks add constraint clocks_project_kinds check ((project_id is not null) = (kind in ('milestone','report')))`.execute(db);
  // One active clock per project, kind and subject: starting a period twice does nothing.
  await sql`create unique index clocks_project_active on clocks (project_id, kind, subject) where status <> 'stopped' and project_id is not null`.execute(db);
  await sql`create index clocks_project on clocks (project_id) where project_id is not null`.execute(db);

  // 督办单 for a project's unit when a milestone or report reaches the end of its track.
  await sql`alter table supervision_orders alter column issue_id drop not null`.execute(db);
  await sql`alter table supervision_orders add column project_id uuid references projects(id)`.execute(db);
  await sql`alter table supervision_orders add constraint supervision_orders_one_owner check ((issue_id is null) <> (project_id is null))`.execute(db);

  // A report's timeliness is recorded when it is filed and never rewritten, as issues' timeliness.
  await sql`
    create function progress_reports_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or (new.project_id, new.period_end, new.due_at, new.filed_at, new.on_time) is distinct from (old.project_id, old.period_end, old.due_at, old.filed_at, old.on_time) then
        raise exception 'a progress report''s timeliness is frozen: % refused', tg_op using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger progress_reports_timeliness before update or delete on progress_reports for each row execute function progress_reports_frozen()`.execute(db);

  // The tracks a type's milestones and reports walk (seconds offsets, as categories' policies).
  await sql`alter table project_types add column track_policy jsonb not null default ${sql.lit(MILESTONE_POLICY)}::jsonb`.execute(db);
  await sql`alter table project_types add column report_track_policy jsonb not null default ${sql.lit(REPORT_POLICY)}::jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table project_types drop column report_track_policy, drop column track_policy`.execute(db);
  await sql`drop trigger if exists progress_reports_timeliness on progress_reports`.execute(db);
  await sql`drop function if exists progress_reports_frozen()`.execute(db);
  await sql`delete from supervision_orders where project_id is not null`.execute(db);
  await sql`alter table supervision_orders drop constraint supervision_orders_one_owner, drop column project_id`.execute(db);
  await sql`alter table supervision_orders alter column issue_id set not null`.execute(db);
  await sql`delete from clocks where project_id is not null`.execute(db);
  await sql`drop index if exists clocks_project`.execute(db);
  await sql`drop index if exists clocks_project_active`.execute(db);
  await sql`alter table clocks drop constraint clocks_project_kinds, drop constraint clocks_one_owner, drop column project_id`.execute(db);
  await sql`alter table clocks drop constraint clocks_kind_check`.execute(db);
  await sql`alter table clocks add constraint clocks_kind_check check (kind in ('claim','handling','supplement','rating','assist'))`.execute(db);
  await sql`alter table clocks alter column issue_id set not null`.execute(db);
}
