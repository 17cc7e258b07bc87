import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// One bulletin per period: the first is revision 0, each one generated after it on purpose is the
// next revision (修订版). The rows already stored are numbered in the order they were generated
// (the frozen table's trigger is set aside for that one update; their content stays as it was).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table bulletins add column revision integer not null default 0 check (revision >= 0)`.execute(db);
  await sql`alter table bulletins disable trigger bulletins_no_update`.execute(db);
  await sql`
    update bulletins b set revision = r.n
    from (select id, row_number() over (partition by period_id order by generated_at, id) - 1 as n from bulletins) r
    where r.id = b.id and r.n > 0`.execute(db);
  await sql`alter table bulletins enable trigger bulletins_no_update`.execute(db);
  await sql`create unique index bulletins_period_revision on bulletins (period_id, revision)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bulletins_period_revision').ifExists().execute();
  await sql`alter table bulletins drop column if exists revision`.execute(db);
}
