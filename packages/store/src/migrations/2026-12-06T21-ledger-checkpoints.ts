import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// 1. Project events are chained as issue events are (migration T09): prev_hash and hash =
//    sha256(prev_hash || canonical content), set by a BEFORE INSERT trigger under the project's
//    row lock, the rows already written backfilled in seq order.
// 2. Signed checkpoints of both ledgers (docs/api.md#ledger-checkpoints): each names the last event
//    id of each ledger it covers, the head digest over every chain's last event up to them, and the
//    engine's Ed25519 signature of that statement. Append-only, like the ledgers they vouch for.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table project_events add column prev_hash text, add column hash text`.execute(db);
  // The same rule as issue_event_hash: a JSON array of every column but the surrogate id, in
  // jsonb's normalised text form, the instant in UTC to the microsecond.
  await sql`
    create function project_event_hash(prev_hash text, e project_events) returns text
    language sql stable parallel safe as $$
      select encode(sha256(convert_to(coalesce(prev_hash, '') || jsonb_build_array(
        e.project_id, e.milestone_id, e.seq, e.type, e.actor, e.actor_account_id, e.payload, e.state_after,
        to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
      )::text, 'UTF8')), 'hex')
    $$`.execute(db);
  await sql`
    create function project_events_chain() returns trigger language plpgsql as $$
    begin
      perform 1 from projects where id = new.project_id for no key update;
      new.prev_hash := (select hash from project_events where project_id = new.project_id and seq < new.seq order by seq desc limit 1);
      new.hash := project_event_hash(new.prev_hash, new);
      return new;
    end $$`.execute(db);
  await sql`alter table project_events disable trigger project_events_no_update`.execute(db);
  await sql`
    do $$
    declare
      r project_events;
      current_project uuid;
      prev text;
    begin
      for r in select * from project_events order by project_id, seq loop
        if r.project_id is distinct from current_project then
          current_project := r.project_id;
          prev := null;
        end if;
        r.prev_hash := prev;
        r.hash := project_event_hash(prev, r);
        update project_events set prev_hash = r.prev_hash, hash = r.hash where id = r.id;
        prev := r.hash;
      end loop;
    end $$`.execute(db);
  await sql`alter table project_events enable trigger project_events_no_update`.execute(db);
  await sql`alter table project_events alter column hash set not null`.execute(db);
  await sql`create trigger project_events_chain before insert on project_events
    for each row execute function project_events_chain()`.execute(db);

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('made_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('daily', 'bulletin', 'manual')`))
    .addColumn('issue_events_through', 'bigint', (c) => c.notNull())
    .addColumn('project_events_through', 'bigint', (c) => c.notNull())
    .addColumn('issue_chains', 'integer', (c) => c.notNull())
    .addColumn('project_chains', 'integer', (c) => c.notNull())
    .addColumn('head', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await sql`
    create function ledger_checkpoints_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ledger_checkpoints is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger ledger_checkpoints_no_update before update or delete on ledger_checkpoints
    for each row execute function ledger_checkpoints_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_checkpoints').ifExists().execute();
  await sql`drop function if exists ledger_checkpoints_append_only()`.execute(db);
  await sql`drop trigger if exists project_events_chain on project_events`.execute(db);
  await sql`drop function if exists project_events_chain()`.execute(db);
  await sql`drop function if exists project_event_hash(text, project_events)`.execute(db);
  await sql`alter table project_events drop column if exists prev_hash, drop column if exists hash`.execute(db);
}
