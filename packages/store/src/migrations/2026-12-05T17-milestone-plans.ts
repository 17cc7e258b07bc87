import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// 四明确 with its fourth element (docs/domain.md#limit-bounds): a category says from which handling
// limit listing requires a milestone plan, and an issue's milestone walks its own track, as a key
// project's does. So an issue may own `milestone` clocks; `report` stays a project's alone.
// And the first responder (首问责任人) follows what they recorded until dispatch.
export async function up(db: Kysely<any>): Promise<void> {
  // Null: 5 working days.
  await db.schema.alterTable('categories').addColumn('milestones_required_from', 'jsonb').execute();
  await sql`alter table clocks drop constraint clocks_project_kinds`.execute(db);
  await sql`alter table clocks add constraint clocks_project_kinds check (
    (kind = 'report' and project_id is not null)
    or (kind = 'milestone')
    or (kind not in ('report', 'milestone') and project_id is null))`.execute(db);
  // 首问责任: an official's inbox lists what they recorded until it is dispatched.
  await sql`create index issues_first_responder on issues (first_responder_id) where first_responder_id is not null and closed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index issues_first_responder`.execute(db);
  await sql`update supervision_orders set clock_id = null where clock_id in (select id from clocks where kind = 'milestone' and issue_id is not null)`.execute(db);
  await sql`delete from clocks where kind = 'milestone' and issue_id is not null`.execute(db);
  await sql`alter table clocks drop constraint clocks_project_kinds`.execute(db);
  await sql`alter table clocks add constraint clocks_project_kinds check ((project_id is not null) = (kind in ('milestone','report')))`.execute(db);
  await db.schema.alterTable('categories').dropColumn('milestones_required_from').execute();
}
