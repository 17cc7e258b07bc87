import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('issues')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'uuid', (c) => c.notNull().references('enterprises.id'))
    .addColumn('category_id', 'uuid', (c) => c.notNull().references('categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('first_responder_id', 'uuid', (c) => c.references('officials.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status_note', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('green_channel', 'boolean', (c) => c.notNull())
    .addColumn('leader_id', 'uuid', (c) => c.references('leaders.id'))
    .addColumn('lead_unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('time_limit', 'jsonb')
    .addColumn('expected_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claim_due_at', 'timestamptz')
    .addColumn('handling_due_at', 'timestamptz')
    .addColumn('rating_due_at', 'timestamptz')
    .addColumn('duplicate_of', 'uuid', (c) => c.references('issues.id'))
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  // Each list the engine serves reads one of these, newest first.
  await sql`create index issues_enterprise on issues (enterprise_id, filed_at desc)`.execute(db);
  await sql`create index issues_unit_stage on issues (lead_unit_id, stage, filed_at desc)`.execute(db);
  await sql`create index issues_leader_stage on issues (leader_id, stage, filed_at desc)`.execute(db);
  await sql`create index issues_stage on issues (stage, filed_at desc)`.execute(db);
  await sql`create index issues_open_due on issues (handling_due_at) where closed_at is null`.execute(db);

  await db.schema
    .createTable('issue_assists')
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'uuid', (c) => c.references('officials.id'))
    .addPrimaryKeyConstraint('issue_assists_pk', ['issue_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('issue_assists_unit').on('issue_assists').column('unit_id').execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('note', 'text')
    .addUniqueConstraint('milestones_issue_seq', ['issue_id', 'seq'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.references('issues.id'))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('attachments_issue').on('attachments').column('issue_id').execute();

  // 容缺: documents still owed, with their supplement deadline.
  await db.schema
    .createTable('pending_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('supplied_at', 'timestamptz')
    .addColumn('attachment_id', 'uuid', (c) => c.references('attachments.id'))
    .execute();
  await db.schema.createIndex('pending_documents_issue').on('pending_documents').column('issue_id').execute();

  await db.schema
    .createTable('replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('interim','final','info_request','first_contact','assist')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('positive','negative')`))
    .addColumn('way_forward', 'text')
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('officials.id'))
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','sent','rejected','internal')`))
    .addColumn('reviewed_by', 'uuid', (c) => c.references('officials.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('signed_off_by', 'uuid', (c) => c.references('officials.id'))
    .addColumn('signed_off_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // 不说"不能办"，只说"怎么办": a negative final answer always carries a way forward.
    .addCheckConstraint('negative_has_way_forward', sql`outcome is distinct from 'negative' or length(trim(way_forward)) > 0`)
    .execute();
  await db.schema.createIndex('replies_issue').on('replies').column('issue_id').execute();

  await db.schema
    .createTable('ratings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'text', (c) => c.check(sql`resolved in ('yes','partly','no')`))
    .addColumn('satisfaction', 'text', (c) => c.check(sql`satisfaction in ('satisfied','basically','dissatisfied')`))
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('enterprise','rating_timeout','struck_off')`))
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('ratings_issue_round', ['issue_id', 'round'])
    .execute();

  await db.schema
    .createTable('issue_returns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('returned_by', 'uuid', (c) => c.notNull().references('officials.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('returned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('upheld', 'boolean')
    .addColumn('ruled_by', 'uuid', (c) => c.references('officials.id'))
    .addColumn('ruled_at', 'timestamptz')
    .addColumn('ruling_note', 'text')
    .execute();
  await db.schema.createIndex('issue_returns_unit').on('issue_returns').columns(['unit_id', 'returned_at']).execute();

  await db.schema
    .createTable('extensions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('officials.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amount', 'jsonb', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('approved','denied')`))
    .addColumn('decided_by', 'uuid', (c) => c.references('officials.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('new_due_at', 'timestamptz')
    .execute();

  // The ledger: append-only. The database itself refuses to rewrite history.
  await db.schema
    .createTable('issue_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('actor_account_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('visible_to_enterprise', 'boolean', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('issue_events_issue_seq', ['issue_id', 'seq'])
    .execute();
  await sql`
    create function issue_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'issue_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger issue_events_no_update before update or delete on issue_events
    for each row execute function issue_events_append_only()`.execute(db);
  await sql`create trigger issue_events_no_truncate before truncate on issue_events
    for each statement execute function issue_events_append_only()`.execute(db);

  // Work that leaves the transaction (mails, later timers) is written here and done after commit.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('issue_id', 'uuid', (c) => c.references('issues.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('available_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('processed_at', 'timestamptz')
    .execute();
  await sql`create index outbox_pending on outbox (available_at, id) where processed_at is null`.execute(db);

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['idempotency_keys', 'outbox', 'issue_events', 'extensions', 'issue_returns', 'ratings', 'replies', 'pending_documents', 'attachments', 'milestones', 'issue_assists', 'issues']) {
    await db.schema.dropTable(t).ifExists().cascade().execute();
  }
  await sql`drop function if exists issue_events_append_only()`.execute(db);
}
