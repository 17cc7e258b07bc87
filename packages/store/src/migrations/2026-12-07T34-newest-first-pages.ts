import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Two pages read every row of what they page through, and grew with it (the soak drill at
// 300 requests/s, 2026-12-07, pg_stat_statements over 150 s):
// - an official's notifications, newest first: no index had (account_id, created_at, id), so a
//   page of 20 read all of the account's rows and sorted them (18 925 rows, 13.6 ms; 0.05 ms
//   with this index);
// - the listing queue (green channel first, then the longest waiting): issues_stage gave every
//   submitted and listed issue, joined and sorted for a page (729 issues, 5.5 ms; 0.3 ms with
//   this index, which holds only those two stages, so it stays small and a clock step, which
//   changes neither its columns nor the stage, still updates an issue in place).
// And the inbox, soonest due first, cuts each of its lists to the page before it merges them: a
// unit's issues to claim and to handle are read from these two, in due order, up to the page's
// end (the soak's one unit had 4 603 issues in handling, 16.7 ms a page before).
// And an issue's page lists the issues merged into it (合并办理): no index had `duplicate_of`, so
// every view of an issue read the whole table (5.4 ms a view in the soak, growing with it).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index notifications_account_newest on notifications (account_id, created_at desc, id desc)`.execute(db);
  await sql`create index issues_listing_queue on issues ((not green_channel), filed_at, id) where stage in ('submitted', 'listed')`.execute(db);
  await sql`create index issues_unit_to_claim on issues (lead_unit_id, (coalesce(claim_due_at, 'infinity'::timestamptz)), id) where stage in ('awaitingClaim', 'reopened')`.execute(db);
  await sql`create index issues_unit_handling on issues (lead_unit_id, (coalesce(handling_due_at, 'infinity'::timestamptz)), id) where stage = 'inProgress'`.execute(db);
  await sql`create index issues_merged on issues (duplicate_of, filed_at) where duplicate_of is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists issues_merged`.execute(db);
  await sql`drop index if exists issues_unit_handling`.execute(db);
  await sql`drop index if exists issues_unit_to_claim`.execute(db);
  await sql`drop index if exists issues_listing_queue`.execute(db);
  await sql`drop index if exists notifications_account_newest`.execute(db);
}
