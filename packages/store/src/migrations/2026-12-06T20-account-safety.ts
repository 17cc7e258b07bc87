import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Accounts that hold (issue 19). Wrong passwords are counted per login name and client address
// in `login_failures`, one upsert each (a counter read and written back could be raced), for
// unknown logins too so that a lock says nothing about whether the login exists; the counters on
// `accounts` go. `strikes` counts the locks of the last day, so each lock lasts longer than the
// one before. An admin-set password must be changed at first sign-in (`must_change_password`);
// it changes who a session is, so it tells the API processes like the password does (T15).
// Uploads are counted per account and day (the daily quota), hence an index by uploader and time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('strikes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_failed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_pkey', ['login', 'address'])
    .execute();
  await db.schema.createIndex('login_failures_last').on('login_failures').column('last_failed_at').execute();
  await db.schema.alterTable('accounts').dropColumn('failed_logins').dropColumn('locked_until').execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('password_changed_at', 'timestamptz')
    .execute();
  await sql`drop trigger accounts_changed on accounts`.execute(db);
  await sql`create trigger accounts_changed after update of login, password_hash, must_change_password, enterprise_id, official_id or delete on accounts for each statement execute function huiyin_sessions_forget_all()`.execute(
    db,
  );
  await db.schema.createIndex('attachments_uploader_day').on('attachments').columns(['uploaded_by', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attachments_uploader_day').execute();
  await sql`drop trigger accounts_changed on accounts`.execute(db);
  await sql`create trigger accounts_changed after update of login, password_hash, enterprise_id, official_id or delete on accounts for each statement execute function huiyin_sessions_forget_all()`.execute(
    db,
  );
  await db.schema.alterTable('accounts').dropColumn('must_change_password').dropColumn('password_changed_at').execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema.dropTable('login_failures').execute();
}
