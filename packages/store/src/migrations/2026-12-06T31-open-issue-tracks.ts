import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// A clock step (docs/domain.md#clocks) changes its issue's `version` and `track`. While `track`
// was carried in three indexes (T13's by leader and by unit, T28's board order) no step could
// update its issue in place: each wrote a new row version into all 15 indexes of `issues`, the
// largest part of what a close-of-day burst cost PostgreSQL. Now no index of `issues` names a
// column a step changes, and with 15 % of each page kept free a step's new row version goes on
// the same page (a HOT update: no index entry at all). Pages written before keep no room, but an
// open issue's first update after this moves its row to a page that has it, and the next are HOT.
//
// The 未办结 counts by colour read `track` from those indexes without touching the heap. They now
// read it from `open_issue_tracks`: each open issue's track, one narrow row, kept by triggers on
// `issues` (a filing adds it, a step's change of track updates it in place, closing removes it),
// so no writer can forget it. At a million issues it holds the ~44 000 open ones.
const OPEN_INDEXES = [
  ['issues_open_by_leader', 'leader_id, pressing_due_at, id'],
  ['issues_open_by_unit', 'lead_unit_id, pressing_due_at, id'],
  ['issues_open_pressing', 'pressing_due_at, id'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of OPEN_INDEXES) {
    await sql`drop index if exists ${sql.raw(name)}`.execute(db);
    await sql`create index ${sql.raw(name)} on issues (${sql.raw(columns)}) where closed_at is null`.execute(db);
  }
  await sql`alter table issues set (fillfactor = 85)`.execute(db);
  await sql`
    create table open_issue_tracks (
      issue_id uuid primary key references issues (id) on delete cascade,
      track text not null
    ) with (fillfactor = 80)`.execute(db);
  await sql`insert into open_issue_tracks (issue_id, track) select id, track from issues where closed_at is null`.execute(db);
  // One statement per statement on issues (a batch of 200 steps is one update): rows closed go,
  // open rows are added or take their new track. The transition table is named `changed` by both triggers.
  await sql`
    create function open_issue_tracks_sync() returns trigger language plpgsql as $$
    begin
      delete from open_issue_tracks t using changed c where t.issue_id = c.id and c.closed_at is not null;
      insert into open_issue_tracks (issue_id, track)
        select c.id, c.track from changed c where c.closed_at is null
        on conflict (issue_id) do update set track = excluded.track where open_issue_tracks.track <> excluded.track;
      return null;
    end $$`.execute(db);
  for (const event of ['insert', 'update'] as const) {
    await sql`create trigger ${sql.raw(`open_issue_tracks_${event}`)} after ${sql.raw(event)} on issues
      referencing new table as changed for each statement execute function open_issue_tracks_sync()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['insert', 'update'] as const) await sql`drop trigger if exists ${sql.raw(`open_issue_tracks_${event}`)} on issues`.execute(db);
  await sql`drop function if exists open_issue_tracks_sync()`.execute(db);
  await sql`drop table if exists open_issue_tracks`.execute(db);
  await sql`alter table issues reset (fillfactor)`.execute(db);
  for (const [name, columns] of OPEN_INDEXES) {
    await sql`drop index if exists ${sql.raw(name)}`.execute(db);
    await sql`create index ${sql.raw(name)} on issues (${sql.raw(columns)}) include (track) where closed_at is null`.execute(db);
  }
}
