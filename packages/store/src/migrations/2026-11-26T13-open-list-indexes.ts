import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// The 未办结 list (openList) at a million issues: it counts the open issues per leader or unit
// and pages the items of one group at a time, most pressing due time first. Each index is partial
// on the open issues and keyed on (group, pressing due time, id), so
// - a page of a group is the index's next rows from (group, offset), not a sort of every open
//   issue;
// - the counts are an index-only scan in group order (the INCLUDE columns are what the overdue,
//   red and yellow counts read), not one ~1.1 kB heap row per open issue.
// The pressing due time is the due time of the running claim or handling clock, as the issue's
// columns carry it; the expression is repeated verbatim in packages/store/src/issues/pressing-due.ts
// (the planner matches it by text).
const PRESSING_DUE = sql.raw(`(case
  when state = 'inProgress.waitingOnEnterprise' then null
  when stage in ('awaitingClaim', 'reopened') then least(claim_due_at, handling_due_at)
  when stage in ('returned', 'inProgress', 'answerReview', 'answerSignOff') then handling_due_at
end)`);

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, column] of [['issues_open_by_leader', 'leader_id'], ['issues_open_by_unit', 'lead_unit_id']] as const) {
    await sql`create index ${sql.raw(name)} on issues (${sql.raw(column)}, ${PRESSING_DUE}, id)
      include (stage, state, track, claim_due_at, handling_due_at) where closed_at is null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists issues_open_by_unit`.execute(db);
  await sql`drop index if exists issues_open_by_leader`.execute(db);
}
