import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// The supervision board lists open issues by `pressing_due_at` (T13). T12's issues_open_board
// still keys the rule before it (the least of the claim and handling due times): no read uses it,
// yet every clock step writes it. It gives way to the board's own order, so the count of indexes
// on issues, which each clock step pays for, stays the same.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists issues_open_board`.execute(db);
  await sql`create index issues_open_pressing on issues (pressing_due_at, id) include (track) where closed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists issues_open_pressing`.execute(db);
  await sql`
    create index issues_open_board on issues
      ((least(coalesce(claim_due_at, 'infinity'::timestamptz), coalesce(handling_due_at, 'infinity'::timestamptz))), id)
      include (number, title, state, stage, status_note, version, track, green_channel, filed_at, expected_due_at,
               claim_due_at, handling_due_at, rating_due_at, closed_at, enterprise_id, category_id, lead_unit_id, leader_id)
      where closed_at is null`.execute(db);
}
