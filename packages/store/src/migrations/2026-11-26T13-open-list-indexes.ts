import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// The 未办结 list (openList) at a million issues: it counts the open issues per leader or unit
// and pages the items of one group at a time, most pressing due time first.
// - `issues.pressing_due_at`, a stored generated column: the due time of the running
//   claim or handling clock, as the columns carry it (a claim is due in awaitingClaim
//   and reopened, the answer while it is handled; none while paused waiting on the enterprise,
//   being listed or rated). The database keeps it right on every write; overdue is
//   `pressing_due_at < now`, the supervision board's rule.
// - One index per grouping, partial on the open issues and keyed on (group, pressing_due_at, id):
//   a page of a group is the index's next rows from (group, offset), not a sort of every open
//   issue; the counts are an index-only scan in group order of ~60-byte entries (track carried
//   for the red and yellow counts), not one ~1.1 kB heap row per open issue.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table issues add column pressing_due_at timestamptz generated always as (case
    when state = 'inProgress.waitingOnEnterprise' then null
    when stage in ('awaitingClaim', 'reopened') then least(claim_due_at, handling_due_at)
    when stage in ('returned', 'inProgress', 'answerReview', 'answerSignOff') then handling_due_at
  end) stored`.execute(db);
  for (const [name, column] of [
    ['issues_open_by_leader', 'leader_id'],
    ['issues_open_by_unit', 'lead_unit_id'],
  ] as const) {
    await sql`create index ${sql.raw(name)} on issues (${sql.raw(column)}, pressing_due_at, id) include (track) where closed_at is null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists issues_open_by_unit`.execute(db);
  await sql`drop index if exists issues_open_by_leader`.execute(db);
  await sql`alter table issues drop column if exists pressing_due_at`.execute(db);
}
