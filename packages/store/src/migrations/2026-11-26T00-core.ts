import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pgcrypto`.execute(db);

  await db.schema
    .createTable('leaders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('officials')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('leader_id', 'uuid', (c) => c.references('leaders.id'))
    .addColumn('roles', sql`text[]`, (c) => c.notNull().check(sql`cardinality(roles) > 0 and roles <@ array['handler','unit_head','leader','dispatcher','supervisor','admin']`))
    // A leader-role official is a leader; handlers and unit heads belong to a unit.
    .addCheckConstraint('official_leader_has_leader', sql`not ('leader' = any(roles)) or leader_id is not null`)
    .addCheckConstraint('official_unit_member_has_unit', sql`not (roles && array['handler','unit_head']) or unit_id is not null`)
    .execute();

  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', sql`char(18)`, (c) => c.notNull().unique())
    .addColumn('is_key', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'uuid', (c) => c.references('enterprises.id'))
    .addColumn('official_id', 'uuid', (c) => c.references('officials.id'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('account_is_one_party', sql`num_nonnulls(enterprise_id, official_id) = 1`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // 分包制: each key enterprise has a leader and a unit head; the defaults when listing.
  await db.schema
    .createTable('assignments')
    .addColumn('enterprise_id', 'uuid', (c) => c.primaryKey().references('enterprises.id'))
    .addColumn('leader_id', 'uuid', (c) => c.notNull().references('leaders.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('unit_head_id', 'uuid', (c) => c.notNull().references('officials.id'))
    .execute();
  await db.schema.createIndex('assignments_leader').on('assignments').column('leader_id').execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('green_channel', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('claim_limit', 'jsonb', (c) => c.notNull())
    .addColumn('handling_limit', 'jsonb', (c) => c.notNull())
    .addColumn('supplement_limit', 'jsonb', (c) => c.notNull())
    .addColumn('rating_limit', 'jsonb', (c) => c.notNull())
    .addColumn('rating_timeout_outcome', 'text', (c) => c.notNull().defaultTo('close_unrated').check(sql`rating_timeout_outcome in ('close_unrated','close_satisfied')`))
    .execute();

  // One row a year; the row lock makes numbers gapless and unique under concurrent filings.
  await db.schema
    .createTable('issue_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['issue_counters', 'categories', 'assignments', 'sessions', 'accounts', 'enterprises', 'officials', 'units', 'leaders']) {
    await db.schema.dropTable(t).ifExists().cascade().execute();
  }
}
