import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Onboarding a district (issue 19). An official leaves by being deactivated, never deleted (the
// ledger names them): `deactivated_at` set, they cannot sign in. A password reset by mail is a
// single-use token of which only the hash is kept, with its expiry; the rows of the last hour
// per account are what the rate limit counts, hence the index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('officials').addColumn('deactivated_at', 'timestamptz').execute();
  await db.schema
    .createTable('password_reset_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('password_reset_tokens_account').on('password_reset_tokens').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_reset_tokens').execute();
  await db.schema.alterTable('officials').dropColumn('deactivated_at').execute();
}
