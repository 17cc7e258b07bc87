import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// 催办: an enterprise presses a reminder on its overdue issue, a leader on one of a unit's. One
// row per press; the unique key (issue, presser, Shanghai day) is the daily limit, so two presses
// at the same moment cannot both get through. And the indexes of the issue list's sorts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('issue_reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('pressed_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('presser', 'text', (c) => c.notNull().check(sql`presser in ('enterprise', 'leader')`))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('pressed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('issue_reminders_once_a_day', ['issue_id', 'pressed_by', 'day'])
    .execute();
  // The issue list's sort by due time walks an index as the default one (filed_at, id) does,
  // instead of sorting every visible issue for each page. The sort by stage walks T01's
  // issues_stage (stage, filed_at): one more index on issues would cost every clock step a write.
  await sql`create index issues_due_order on issues ((coalesce(handling_due_at, expected_due_at, 'infinity'::timestamptz)), id)`.execute(db);
  // 已办: the issues an official has acted on, found from their events instead of probing every
  // visible issue's history. Partial, so the system's clock steps (no official) write nothing here.
  await sql`create index issue_events_acted_by on issue_events ((actor->>'officialId'), issue_id) where actor->>'officialId' is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists issue_events_acted_by`.execute(db);
  await sql`drop index if exists issues_due_order`.execute(db);
  await db.schema.dropTable('issue_reminders').ifExists().execute();
}
