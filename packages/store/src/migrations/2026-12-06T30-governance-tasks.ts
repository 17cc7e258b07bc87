import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// 主动治理: a recurring problem (同类问题, several enterprises) becomes one 督办单 of kind
// `governance` to one unit, covering many issues through `supervision_order_issues`. It belongs
// to no single issue or project, so it has neither owner column; it keeps every other part of an
// order: the unit, the reply due time, `replied_at`, the reply clock (`escalated_at`), `issued_by`.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table supervision_orders add column kind text not null default 'supervision' check (kind in ('supervision', 'governance'))`.execute(db);
  await sql`alter table supervision_orders add column title text`.execute(db);
  await sql`alter table supervision_orders drop constraint supervision_orders_one_owner`.execute(db);
  await sql`alter table supervision_orders add constraint supervision_orders_one_owner check (
      case when kind = 'governance' then issue_id is null and project_id is null and title is not null and unit_id is not null
      else (issue_id is null) <> (project_id is null) end)`.execute(db);
  await db.schema
    .createTable('supervision_order_issues')
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('supervision_orders.id').onDelete('cascade'))
    .addColumn('issue_id', 'uuid', (c) => c.notNull().references('issues.id'))
    .addPrimaryKeyConstraint('supervision_order_issues_pair', ['order_id', 'issue_id'])
    .execute();
  // An issue's governance tasks (the cluster list, the open-task check).
  await sql`create index supervision_order_issues_issue on supervision_order_issues (issue_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_order_issues').ifExists().execute();
  await sql`delete from supervision_orders where kind = 'governance'`.execute(db);
  await sql`alter table supervision_orders drop constraint supervision_orders_one_owner`.execute(db);
  await sql`alter table supervision_orders add constraint supervision_orders_one_owner check ((issue_id is null) <> (project_id is null))`.execute(db);
  await sql`alter table supervision_orders drop column title, drop column kind`.execute(db);
}
