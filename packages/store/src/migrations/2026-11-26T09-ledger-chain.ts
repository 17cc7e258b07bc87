import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// The ledger becomes a hash chain per issue: each event carries the hash of the previous
// event (prev_hash, null for the first) and its own hash = sha256(prev_hash || canonical content).
// The database computes both in a BEFORE INSERT trigger, so every writer — commands, clock steps,
// seeds, bulk loads, event kinds added later — chains without knowing of it, and no client can
// supply a hash of its choosing (whatever it sends is overwritten).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table issue_events add column prev_hash text, add column hash text`.execute(db);

  // The canonical content is a JSON array of every column but the surrogate id (a restore may
  // renumber it; seq orders the chain). jsonb's text form is normalised (key order, spacing), and
  // the instant is written in UTC so the session's TimeZone cannot change a hash.
  await sql`
    create function issue_event_hash(prev_hash text, e issue_events) returns text
    language sql stable parallel safe as $$
      select encode(sha256(convert_to(coalesce(prev_hash, '') || jsonb_build_array(
        e.issue_id, e.seq, e.type, e.actor, e.actor_account_id, e.payload, e.state_after, e.visible_to_enterprise,
        to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
      )::text, 'UTF8')), 'hex')
    $$`.execute(db);

  // Every writer already holds the row lock when it appends (commands, clock steps and
  // supervision replies select it FOR UPDATE; a filing inserts a row no one else sees yet). The
  // trigger takes the same lock again so that a writer that forgets cannot fork the chain: a
  // row lock (not an advisory lock) because it costs no lock-table slot, so a bulk load of a
  // million events in one statement stays possible.
  await sql`
    create function issue_events_chain() returns trigger language plpgsql as $$
    begin
      perform 1 from issues where id = new.issue_id for no key update;
      new.prev_hash := (select hash from issue_events where issue_id = new.issue_id and seq < new.seq order by seq desc limit 1);
      new.hash := issue_event_hash(new.prev_hash, new);
      return new;
    end $$`.execute(db);

  // Backfill the rows written before the chain, issue by issue in seq order. Updating the ledger
  // is refused by its own trigger, lifted for this one migration's transaction.
  await sql`alter table issue_events disable trigger issue_events_no_update`.execute(db);
  await sql`
    do $$
    declare
      r issue_events;
      current_issue uuid;
      prev text;
    begin
      for r in select * from issue_events order by issue_id, seq loop
        if r.issue_id is distinct from current_issue then
          current_issue := r.issue_id;
          prev := null;
        end if;
        r.prev_hash := prev;
        r.hash := issue_event_hash(prev, r);
        update issue_events set prev_hash = r.prev_hash, hash = r.hash where id = r.id;
        prev := r.hash;
      end loop;
    end $$`.execute(db);
  await sql`alter table issue_events enable trigger issue_events_no_update`.execute(db);

  await sql`alter table issue_events alter column hash set not null`.execute(db);
  await sql`create trigger issue_events_chain before insert on issue_events
    for each row execute function issue_events_chain()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists issue_events_chain on issue_events`.execute(db);
  await sql`drop function if exists issue_events_chain()`.execute(db);
  await sql`drop function if exists issue_event_hash(text, issue_events)`.execute(db);
  await sql`alter table issue_events drop column if exists prev_hash, drop column if exists hash`.execute(db);
}
