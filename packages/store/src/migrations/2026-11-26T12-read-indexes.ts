import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Indexes for the reads supervision runs all day at a million issues (measured by
// `pnpm bench reads`, see bench/README.md). One index, partial on the open issues (a few percent
// of the table), serves three of them:
// - the overdue board (listOverdue) orders by the earliest due time missed,
//   least(coalesce(claim_due_at, 'infinity'), coalesce(handling_due_at, 'infinity')), id: keyed
//   on exactly that expression, the first page is the first rows of the index, and the planner
//   stops after the page instead of sorting every overdue issue;
// - the 未办结 list's counts and items (openList) read every open issue: with the columns they and
//   the board select carried in INCLUDE, that is an index-only scan of the small partial index
//   instead of one heap page per open issue (an issue row is ~1.1 kB with its snapshot).
// Without the INCLUDE columns the planner preferred the bitmap scans of issues_stage and
// issues_open_due and sorted. An extra index write per change of an open issue is the price; a
// closed issue leaves the index.
// - the open list's overdue count asks, for each open issue, whether a running claim, handling
//   or assist clock is past due; at a million issues (44 000 open) the planner probes per issue,
//   and clocks_running_issue answers each probe from the index alone. Running clocks only, so it
//   stays small.
// Tried and left out: issues (id) include (leader_id, lead_unit_id) for the bulletin's joins
// (no gain beyond the machine's noise; figures in bench/README.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index issues_open_board on issues
      ((least(coalesce(claim_due_at, 'infinity'::timestamptz), coalesce(handling_due_at, 'infinity'::timestamptz))), id)
      include (number, title, state, stage, status_note, version, track, green_channel, filed_at, expected_due_at,
               claim_due_at, handling_due_at, rating_due_at, closed_at, enterprise_id, category_id, lead_unit_id, leader_id)
      where closed_at is null`.execute(db);
  await sql`create index clocks_running_issue on clocks (issue_id, due_at) include (kind) where status = 'running'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists clocks_running_issue`.execute(db);
  await sql`drop index if exists issues_open_board`.execute(db);
}
