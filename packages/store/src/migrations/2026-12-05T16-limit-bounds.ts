import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Time limits without holes (docs/domain.md#limit-bounds): a category caps an extension's length
// and count and the working time an issue may spend paused (a null limit means "the handling
// limit"); the service centre's step from filing to dispatch gets its own clock (`listing`).
export async function up(db: Kysely<any>): Promise<void> {
  // 列单派单时限: from filing until dispatch (null: 1 working day, 2 hours on the green channel).
  await db.schema.alterTable('categories').addColumn('listing_limit', 'jsonb').execute();
  await db.schema.alterTable('issues').addColumn('listing_due_at', 'timestamptz').execute();
  await sql`alter table clocks drop constraint clocks_kind_check`.execute(db);
  await sql`alter table clocks add constraint clocks_kind_check check (kind in ('claim','handling','supplement','rating','assist','milestone','report','listing'))`.execute(db);
  await sql`alter table timeliness drop constraint timeliness_what_check`.execute(db);
  await sql`alter table timeliness add constraint timeliness_what_check check (what in ('claim','first_contact','answer','assist','listing'))`.execute(db);
  // The board's rule now covers the listing too: an issue not yet dispatched is due by its listing clock.
  await pressingDueAt(db, sql`when stage in ('submitted', 'listed') then listing_due_at`);
  await db.schema
    .alterTable('categories')
    .addColumn('max_extension', 'jsonb')
    .addColumn('max_extensions', 'integer', (c) => c.notNull().defaultTo(1).check(sql`max_extensions >= 0`))
    .addColumn('max_pause', 'jsonb')
    // How long before the lead unit's due time an assisting unit's answer is due (null: 1 working day).
    .addColumn('assist_margin', 'jsonb')
    .execute();
  // Paused time already credited to the clock's due time, in the clock's own measure (working
  // ms, or wall ms for plain-time limits): the next pause may use only what is left.
  await db.schema
    .alterTable('clocks')
    .addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // A 督办单 has a reply clock: past its due time unanswered, it escalates once (to the unit's
  // leader and to supervision). The workers' catch-up finds them by this index.
  await db.schema.alterTable('supervision_orders').addColumn('escalated_at', 'timestamptz').execute();
  await sql`create index supervision_orders_reply_due on supervision_orders (due_at) where replied_at is null and escalated_at is null`.execute(db);
  // Who changed a time-limit rule (a category's policy, a declared calendar day), with the old and
  // new values: append-only, read by admins.
  await db.schema
    .createTable('policy_changes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('account_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`subject in ('category','calendar_day')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await sql`
    create function policy_changes_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'policy_changes is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger policy_changes_no_update before update or delete on policy_changes for each row execute function policy_changes_append_only()`.execute(db);
  // A paused clock's one step is `resume` at the end of its pause allowance: rebuilt like the rest.
  await sql`create index clocks_resume on clocks (next_step_at) where status = 'paused' and next_step_at is not null`.execute(db);
}

/** T13's generated `pressing_due_at` and its indexes, rebuilt with `extra` as the first case. */
async function pressingDueAt(db: Kysely<any>, extra: ReturnType<typeof sql>) {
  await sql`drop index if exists issues_open_by_unit`.execute(db);
  await sql`drop index if exists issues_open_by_leader`.execute(db);
  await sql`alter table issues drop column pressing_due_at`.execute(db);
  await sql`alter table issues add column pressing_due_at timestamptz generated always as (case
    ${extra}
    when state = 'inProgress.waitingOnEnterprise' then null
    when stage in ('awaitingClaim', 'reopened') then least(claim_due_at, handling_due_at)
    when stage in ('returned', 'inProgress', 'answerReview', 'answerSignOff') then handling_due_at
  end) stored`.execute(db);
  for (const [name, column] of [
    ['issues_open_by_leader', 'leader_id'],
    ['issues_open_by_unit', 'lead_unit_id'],
  ] as const) {
    await sql`create index ${sql.raw(name)} on issues (${sql.raw(column)}, pressing_due_at, id) include (track) where closed_at is null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await pressingDueAt(db, sql``);
  // Timeliness is frozen: listing rows stay, the old check applies to new rows only.
  await sql`alter table timeliness drop constraint timeliness_what_check`.execute(db);
  await sql`alter table timeliness add constraint timeliness_what_check check (what in ('claim','first_contact','answer','assist')) not valid`.execute(db);
  await sql`update supervision_orders set clock_id = null where clock_id in (select id from clocks where kind = 'listing')`.execute(db);
  await sql`delete from clocks where kind = 'listing'`.execute(db);
  await sql`alter table clocks drop constraint clocks_kind_check`.execute(db);
  await sql`alter table clocks add constraint clocks_kind_check check (kind in ('claim','handling','supplement','rating','assist','milestone','report'))`.execute(db);
  await db.schema.alterTable('issues').dropColumn('listing_due_at').execute();
  await db.schema.alterTable('categories').dropColumn('listing_limit').execute();
  await db.schema.dropTable('policy_changes').execute();
  await sql`drop function policy_changes_append_only()`.execute(db);
  await sql`drop index clocks_resume`.execute(db);
  await sql`drop index supervision_orders_reply_due`.execute(db);
  await db.schema.alterTable('supervision_orders').dropColumn('escalated_at').execute();
  await db.schema.alterTable('clocks').dropColumn('paused_ms').execute();
  await db.schema.alterTable('categories').dropColumn('assist_margin').dropColumn('max_pause').dropColumn('max_extensions').dropColumn('max_extension').execute();
}
