import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
export async function up(db: Kysely<any>): Promise<void> {
  // A producer that runs twice (a retried job, a repeated digest) names its message: the second
  // insert meets the unique key and does nothing. Null keys never collide.
  await db.schema
    .alterTable('outbox')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('delivered_to', 'jsonb')
    .execute();

  // The in-app inbox: one row per recipient account, beside the mail.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('issue_id', 'uuid', (c) => c.references('issues.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('dedupe_key', 'text')
    .addUniqueConstraint('notifications_account_dedupe', ['account_id', 'dedupe_key'])
    .execute();
  await sql`create index notifications_account_unread on notifications (account_id, read_at, created_at desc)`.execute(db);

  // Recipients are resolved to their accounts in every transaction that notifies.
  await db.schema.createIndex('accounts_enterprise').on('accounts').column('enterprise_id').execute();
  await db.schema.createIndex('accounts_official').on('accounts').column('official_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accounts_official').ifExists().execute();
  await db.schema.dropIndex('accounts_enterprise').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
  await db.schema.alterTable('outbox').dropColumn('delivered_to').dropColumn('dedupe_key').execute();
}
