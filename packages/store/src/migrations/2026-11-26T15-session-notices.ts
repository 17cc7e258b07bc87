import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// API processes keep the sessions they have looked up in memory (services/api/src/auth), so a
// request needs no round trip to know who sends it. Whatever changes who a session is must tell
// every process at once, from the database itself so that no writer can forget: a session
// deleted or changed names its token hash on the channel `huiyin_sessions`; an account's login or
// owner, an official (roles, unit, leader, name) or an enterprise's name changed or deleted sends
// '*' (forget everything: such changes are rare). Failed-login counters do not notify.
const CHANNEL = 'huiyin_sessions';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function huiyin_session_gone() returns trigger language plpgsql as $$
    begin
      -- Many rows at once (a purge of expired sessions): one '*' instead of a notice each.
      if (select count(*) from gone) > 100 then
        perform pg_notify(${sql.lit(CHANNEL)}, '*');
      else
        perform pg_notify(${sql.lit(CHANNEL)}, g.token_hash) from gone g;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function huiyin_sessions_forget_all() returns trigger language plpgsql as $$
    begin
      perform pg_notify(${sql.lit(CHANNEL)}, '*');
      return null;
    end $$`.execute(db);
  await sql`create trigger sessions_deleted after delete on sessions referencing old table as gone for each statement execute function huiyin_session_gone()`.execute(db);
  await sql`create trigger sessions_updated after update on sessions referencing old table as gone for each statement execute function huiyin_session_gone()`.execute(db);
  await sql`create trigger accounts_changed after update of login, password_hash, enterprise_id, official_id or delete on accounts for each statement execute function huiyin_sessions_forget_all()`.execute(
    db,
  );
  await sql`create trigger officials_changed after update or delete on officials for each statement execute function huiyin_sessions_forget_all()`.execute(db);
  await sql`create trigger enterprises_renamed after update of name or delete on enterprises for each statement execute function huiyin_sessions_forget_all()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger enterprises_renamed on enterprises`.execute(db);
  await sql`drop trigger officials_changed on officials`.execute(db);
  await sql`drop trigger accounts_changed on accounts`.execute(db);
  await sql`drop trigger sessions_updated on sessions`.execute(db);
  await sql`drop trigger sessions_deleted on sessions`.execute(db);
  await sql`drop function huiyin_sessions_forget_all()`.execute(db);
  await sql`drop function huiyin_session_gone()`.execute(db);
}
