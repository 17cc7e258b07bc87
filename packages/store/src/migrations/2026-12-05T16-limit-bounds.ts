import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Bounds on the ways a deadline can move (docs/domain.md#limit-bounds): a category caps an
// extension's length and count and the working time an issue may spend paused. A null limit
// means "the category's handling limit".
export async function up(db: Kysely<any>): Promise<void> {
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

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('policy_changes').execute();
  await sql`drop function policy_changes_append_only()`.execute(db);
  await sql`drop index clocks_resume`.execute(db);
  await sql`drop index supervision_orders_reply_due`.execute(db);
  await db.schema.alterTable('supervision_orders').dropColumn('escalated_at').execute();
  await db.schema.alterTable('clocks').dropColumn('paused_ms').execute();
  await db.schema.alterTable('categories').dropColumn('assist_margin').dropColumn('max_pause').dropColumn('max_extensions').dropColumn('max_extension').execute();
}
