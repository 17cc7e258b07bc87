import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// A unit's or a leader's 未办结 list applies the visibility rule to the open issues. On `issues`
// that read the rows of every open issue (a leader's enterprises part, through an index of all
// their issues ever filed): at a million issues 175–230 ms at p95 against 50. Each open issue's
// row in `open_issue_tracks` now also carries the two columns of the rule it lacked (enterprise,
// first responder), so the rule is applied to that narrow table alone. The same statement
// trigger keeps them; neither changes at a clock step.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table open_issue_tracks add column enterprise_id uuid, add column first_responder_id uuid`.execute(db);
  await sql`update open_issue_tracks t set enterprise_id = i.enterprise_id, first_responder_id = i.first_responder_id from issues i where i.id = t.issue_id`.execute(db);
  await sql`
    create or replace function open_issue_tracks_sync() returns trigger language plpgsql as $$
    begin
      delete from open_issue_tracks t using changed c where t.issue_id = c.id and c.closed_at is not null;
      insert into open_issue_tracks as t (issue_id, track, leader_id, lead_unit_id, pressing_due_at, enterprise_id, first_responder_id)
        select c.id, c.track, c.leader_id, c.lead_unit_id, c.pressing_due_at, c.enterprise_id, c.first_responder_id from changed c where c.closed_at is null
        on conflict (issue_id) do update
          set (track, leader_id, lead_unit_id, pressing_due_at, enterprise_id, first_responder_id) =
              (excluded.track, excluded.leader_id, excluded.lead_unit_id, excluded.pressing_due_at, excluded.enterprise_id, excluded.first_responder_id)
          where (t.track, t.leader_id, t.lead_unit_id, t.pressing_due_at, t.enterprise_id, t.first_responder_id)
            is distinct from (excluded.track, excluded.leader_id, excluded.lead_unit_id, excluded.pressing_due_at, excluded.enterprise_id, excluded.first_responder_id);
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
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
  await sql`alter table open_issue_tracks drop column enterprise_id, drop column first_responder_id`.execute(db);
}
