import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
export async function up(db: Kysely<any>): Promise<void> {
  // 每半月汇总通报: each bulletin is a snapshot of what the data said when it was generated; a
  // past bulletin never changes when later data arrives (the table refuses updates and deletes).
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // e.g. 2026-11-H1 (1st–15th) or 2026-11-H2 (16th–end), Asia/Shanghai.
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('scheduled','on_demand')`))
    .addColumn('generated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('generated_by', 'uuid', (c) => c.references('officials.id'))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .execute();
  // The scheduler's bulletin is made once per period, however often its job runs.
  await sql`create unique index bulletins_scheduled_period on bulletins (period_id) where kind = 'scheduled'`.execute(db);
  await sql`create index bulletins_period on bulletins (period_start desc, generated_at desc)`.execute(db);
  await sql`
    create function bulletins_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'bulletins are frozen: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger bulletins_no_update before update or delete on bulletins for each row execute function bulletins_frozen()`.execute(db);

  // 申诉: a unit asks that an issue be left out of its scores; supervision decides, on the record.
  await db.schema
    .createTable('appeals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('unreasonable','duplicate','malicious')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'uuid', (c) => c.notNull().references('officials.id'))
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','accepted','rejected')`))
    .addColumn('decided_by', 'uuid', (c) => c.references('officials.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .execute();
  // One live appeal (pending or accepted) per issue and unit; a rejected one may be followed by another.
  await sql`create unique index appeals_live on appeals (issue_id, unit_id) where status <> 'rejected'`.execute(db);
  await sql`create index appeals_unit on appeals (unit_id, filed_at desc)`.execute(db);

  // A period's figures are read by time range (a bulletin, each point of a scorecard's trend).
  await sql`create index timeliness_what_due on timeliness (what, due_at)`.execute(db);
  await sql`create index timeliness_what_done on timeliness (what, done_at)`.execute(db);
  await sql`create index ratings_rated_at on ratings (rated_at)`.execute(db);
  await sql`create index issue_returns_returned_at on issue_returns (returned_at)`.execute(db);
  await sql`create index issues_filed_at on issues (filed_at)`.execute(db);
  await sql`create index issues_closed_at on issues (closed_at) where closed_at is not null`.execute(db);
  await sql`create index issue_events_track_steps on issue_events (at) where type = 'trackStep'`.execute(db);
  await sql`create index clocks_running_due on clocks (kind, due_at) where status = 'running'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'timeliness_what_due',
    'timeliness_what_done',
    'ratings_rated_at',
    'issue_returns_returned_at',
    'issues_filed_at',
    'issues_closed_at',
    'issue_events_track_steps',
    'clocks_running_due',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropTable('appeals').ifExists().execute();
  await db.schema.dropTable('bulletins').ifExists().execute();
  await sql`drop function if exists bulletins_frozen()`.execute(db);
}
