import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Notice channels beside mail (README.md#notice-channels): a group robot webhook (WeCom or
// DingTalk) per unit or leader — the unit's 工作群 — with its signing secret; each official's
// channel preference (null: mail only, as before); and the health of each channel, so one that
// keeps failing is reported to the admins. Outbox rows of topic `wecom`, `dingtalk` and `sms` are
// written only where such a channel is configured.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notice_webhooks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_kind', 'text', (c) => c.notNull().check(sql`owner_kind in ('unit', 'leader')`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull().check(sql`vendor in ('wecom', 'dingtalk')`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('notice_webhooks_owner', ['owner_kind', 'owner_id', 'vendor'])
    .execute();
  await db.schema
    .alterTable('officials')
    .addColumn('notice_channels', sql`text[]`, (c) => c.check(sql`notice_channels <@ array['mail','sms']::text[] and cardinality(notice_channels) > 0`))
    .execute();
  await db.schema
    .createTable('notice_channel_health')
    .addColumn('channel', 'text', (c) => c.primaryKey())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_failed_at', 'timestamptz')
    .addColumn('last_sent_at', 'timestamptz')
    .addColumn('reported_at', 'timestamptz')
    .execute();
  // The admins' list of failed channel messages, newest first, without walking the whole outbox:
  // only failures are in it, so delivering mail and steps writes nothing here.
  await sql`create index outbox_channel_failures on outbox (id) where last_error is not null and topic in ('wecom', 'dingtalk', 'sms')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbox_channel_failures`.execute(db);
  await db.schema.dropTable('notice_channel_health').ifExists().execute();
  await db.schema.alterTable('officials').dropColumn('notice_channels').execute();
  await db.schema.dropTable('notice_webhooks').ifExists().execute();
}
