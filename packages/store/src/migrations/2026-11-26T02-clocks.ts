import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
export async function up(db: Kysely<any>): Promise<void> {
  // Offsets of the timeliness track, per category; the green channel's are shorter.
  await db.schema
    .alterTable('categories')
    .addColumn('track_policy', 'jsonb', (c) =>
      c
        .notNull()
        .defaultTo(
          sql`'{"reminderBeforeSeconds":86400,"yellowBeforeSeconds":14400,"leaderAfterSeconds":14400,"supervisionAfterSeconds":86400,"supervisionOrderLimit":{"amount":3,"unit":"workingDays"},"firstContactLimit":{"amount":1,"unit":"workingDays"}}'::jsonb`,
        ),
    )
    .execute();
  // The worst step of the running clocks, for boards and lists.
  await db.schema
    .alterTable('issues')
    .addColumn('track', 'text', (c) => c.notNull().defaultTo('on_time'))
    .execute();

  // Each running clock of an issue; the timers in Redis are rebuilt from these rows.
  await db.schema
    .createTable('clocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('claim','handling','supplement','rating','assist')`))
    // The assisting unit for an assist clock; empty otherwise.
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','paused','stopped')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paused_at', 'timestamptz')
    .addColumn('step', 'text', (c) => c.notNull().defaultTo('on_time'))
    .addColumn('next_step', 'text')
    .addColumn('next_step_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('met','missed','cancelled')`))
    .execute();
  await sql`create unique index clocks_active on clocks (issue_id, kind, subject) where status <> 'stopped'`.execute(db);
  await sql`create index clocks_next_step on clocks (next_step_at) where status = 'running' and next_step_at is not null`.execute(db);

  // Whether each step was on time, recorded when it happened and never rewritten.
  await db.schema
    .createTable('timeliness')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('what', 'text', (c) => c.notNull().check(sql`what in ('claim','first_contact','answer','assist')`))
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz', (c) => c.notNull())
    .addColumn('on_time', 'boolean', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('timeliness_issue').on('timeliness').column('issue_id').execute();
  await sql`
    create function timeliness_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'timeliness is frozen: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger timeliness_no_update before update or delete on timeliness for each row execute function timeliness_frozen()`.execute(db);

  // 督办单: issued by supervision when a clock reaches the end of its track.
  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('clock_id', 'uuid', (c) => c.notNull().references('clocks.id').unique())
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('required_reply', 'text', (c) => c.notNull())
    .addColumn('replied_at', 'timestamptz')
    .addColumn('reply', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_orders').ifExists().execute();
  await db.schema.dropTable('timeliness').ifExists().execute();
  await sql`drop function if exists timeliness_frozen()`.execute(db);
  await db.schema.dropTable('clocks').ifExists().execute();
  await db.schema.alterTable('issues').dropColumn('track').execute();
  await db.schema.alterTable('categories').dropColumn('track_policy').execute();
}
