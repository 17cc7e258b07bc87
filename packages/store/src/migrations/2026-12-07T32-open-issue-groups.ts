import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// The 未办结 counts (open, overdue, red, yellow per leader or unit) joined every open issue's
// index entry to its row in `open_issue_tracks` (T31): at a million issues, 44 000 on each side,
// p95 64-67 ms against 50 (19-21 ms when the indexes carried `track`). Each open issue's row now
// also carries what the counts group and test by (leader, lead unit, pressing due time), so a
// reader who sees every issue counts from this one narrow table. The same statement trigger
// keeps them: a track step changes none of them and so writes nothing more; a dispatch, a transfer or
// a new time limit updates the one row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table open_issue_tracks add column leader_id uuid, add column lead_unit_id uuid, add column pressing_due_at timestamptz`.execute(db);
  await sql`update open_issue_tracks t set leader_id = i.leader_id, lead_unit_id = i.lead_unit_id, pressing_due_at = i.pressing_due_at
    from issues i where i.id = t.issue_id`.execute(db);
  await sql`
    create or replace function open_issue_tracks_sync() returns trigger language plpgsql as $$
    begin
      delete from open_issue_tracks t using changed c where t.issue_id = c.id and c.closed_at is not null;
      insert into open_issue_tracks as t (issue_id, track, leader_id, lead_unit_id, pressing_due_at)
        select c.id, c.track, c.leader_id, c.lead_unit_id, c.pressing_due_at from changed c where c.closed_at is null
        on conflict (issue_id) do update
          set (track, leader_id, lead_unit_id, pressing_due_at) = (excluded.track, excluded.leader_id, excluded.lead_unit_id, excluded.pressing_due_at)
          where (t.track, t.leader_id, t.lead_unit_id, t.pressing_due_at)
            is distinct from (excluded.track, excluded.leader_id, excluded.lead_unit_id, excluded.pressing_due_at);
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function open_issue_tracks_sync() returns trigger language plpgsql as $$
    begin
      delete from open_issue_tracks t using changed c where t.issue_id = c.id and c.closed_at is not null;
      insert into open_issue_tracks (issue_id, track)
        select c.id, c.track from changed c where c.closed_at is null
        on conflict (issue_id) do update set track = excluded.track where open_issue_tracks.track <> excluded.track;
      return null;
    end $$`.execute(db);
  await sql`alter table open_issue_tracks drop column leader_id, drop column lead_unit_id, drop column pressing_due_at`.execute(db);
}
