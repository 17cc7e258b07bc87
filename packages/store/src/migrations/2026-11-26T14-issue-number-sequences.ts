import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// Issue numbers come from one sequence a year (issue_numbers_<year>) instead of a counter row.
// Taking a number from the row was a transaction of its own: a commit, so a WAL flush (an fsync)
// per filing or batch of filings, on the path every filing waits on. nextval writes no commit
// record. Numbers stay unique and increasing; as before, a filing that fails after taking one
// leaves a gap (and after a crash PostgreSQL may skip up to 32 values of a sequence).
// The counter rows become the sequences' positions; a year's sequence is created when its first
// issue is filed (packages/engine/src/issues/filing-rows.ts).
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ year: number; last: number }>`select year, last from issue_counters`.execute(db);
  for (const { year, last } of rows) {
    await sql`create sequence ${sql.raw(`issue_numbers_${Number(year)}`)} as integer minvalue 1 start with ${sql.lit(Number(last) + 1)}`.execute(db);
  }
  await sql`drop table issue_counters`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create table issue_counters (year integer primary key, last integer not null)`.execute(db);
  const { rows } = await sql<{ name: string }>`select sequencename as name from pg_sequences where schemaname = current_schema() and sequencename ~ '^issue_numbers_[0-9]{4}$'`.execute(db);
  for (const { name } of rows) {
    await sql`insert into issue_counters (year, last) select ${Number(name.slice(-4))}, coalesce(last_value, start_value - 1) from pg_sequences where sequencename = ${name}`.execute(db);
    await sql`drop sequence ${sql.raw(name)}`.execute(db);
  }
}
