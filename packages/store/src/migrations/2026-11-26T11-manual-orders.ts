import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// 督办单 issued by hand from the supervisor board: no clock reached its supervision step, so the
// order has no clock_id, and issued_by names the supervisor's account. An issue has at most one
// unanswered hand-issued order (the API checks first under the lock; the index decides races).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table supervision_orders alter column clock_id drop not null`.execute(db);
  await sql`alter table supervision_orders add column issued_by uuid references accounts(id)`.execute(db);
  // Every order came from a clock, or from a person.
  await sql`alter table supervision_orders add constraint supervision_orders_source check ((clock_id is null) <> (issued_by is null))`.execute(db);
  await sql`create unique index supervision_orders_manual_open on supervision_orders (issue_id) where clock_id is null and replied_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists supervision_orders_manual_open`.execute(db);
  await sql`delete from supervision_orders where clock_id is null`.execute(db);
  await sql`alter table supervision_orders drop constraint supervision_orders_source, drop column issued_by`.execute(db);
  await sql`alter table supervision_orders alter column clock_id set not null`.execute(db);
}
