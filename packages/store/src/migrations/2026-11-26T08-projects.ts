import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.

/** The district's eight project types (a table, so a ninth needs no code). */
const TYPES: Array<[code: string, name: string, nameEn: string]> = [
  ['industrial', '工业', 'industrial'],
  ['services', '服务业', 'services'],
  ['big_data', '大数据', 'big data'],
  ['culture_tourism', '文旅', 'culture and tourism'],
  ['rural_revitalisation', '乡村振兴', 'rural revitalisation'],
  ['ecology', '生态', 'ecology'],
  ['urban_construction', '城建', 'urban construction'],
  ['livelihood', '民生', 'livelihood'],
];

/**
 * A Shanghai calendar day kept as `YYYY-MM-DD` text, checked to be a real date: pg would turn a
 * `date` into a Date at the process's local midnight. ISO text compares and sorts as dates do.
 */
const dayColumn = (name: string) => sql`${sql.ref(name)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and ${sql.ref(name)}::date is not null`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().unique())
    .execute();
  await db
    .insertInto('project_types')
    .values(TYPES.map(([code, name, nameEn], i) => ({ code, name, name_en: nameEn, sort: i + 1 })))
    .execute();

  // Money in 万元 as integers: 2^31 万元 is far above any district's project.
  await db.schema
    .createTable('projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull().references('project_types.code'))
    .addColumn('enterprise_id', 'uuid', (c) => c.references('enterprises.id'))
    .addColumn('total_investment', 'integer', (c) => c.notNull().check(sql`total_investment >= 0`))
    .addColumn('plan_year', 'integer', (c) => c.notNull())
    .addColumn('planned_investment_year', 'integer', (c) => c.notNull().check(sql`planned_investment_year >= 0`))
    .addColumn('investment_completed', 'integer', (c) => c.notNull().defaultTo(0).check(sql`investment_completed >= 0`))
    .addColumn('leader_id', 'uuid', (c) => c.notNull().references('leaders.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('start_date', 'text', (c) => c.notNull().check(dayColumn('start_date')))
    .addColumn('planned_completion', 'text', (c) => c.notNull().check(dayColumn('planned_completion')))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addCheckConstraint('projects_completion_after_start', sql`planned_completion >= start_date`)
    .addCheckConstraint('projects_year_within_total', sql`planned_investment_year <= total_investment`)
    .execute();
  await sql`create index projects_unit on projects (unit_id, name)`.execute(db);
  await sql`create index projects_leader on projects (leader_id, name)`.execute(db);
  await sql`create index projects_type on projects (type_code, name)`.execute(db);

  // 五个一: one team. Members see the project as its unit does.
  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('official_id', 'uuid', (c) => c.notNull().references('officials.id'))
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'official_id'])
    .execute();
  await db.schema.createIndex('project_members_official').on('project_members').column('official_id').execute();

  // A milestone carries its own due instant and track step so that a clock can walk it (reminder,
  // yellow, red, leader, supervision) exactly as an issue's does.
  await db.schema
    .createTable('project_milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull().check(dayColumn('due_on')))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0).check(sql`percent between 0 and 100`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('planned','dueSoon','late','done')`))
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull().defaultTo('on_time'))
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_milestones_project_seq', ['project_id', 'seq'])
    .execute();
  await sql`create index project_milestones_open_due on project_milestones (due_at) where state <> 'done'`.execute(db);

  // 每半月: one report per project and period, due by the end of the period's last day.
  await db.schema
    .createTable('progress_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('period_start', 'text', (c) => c.notNull().check(dayColumn('period_start')))
    .addColumn('period_end', 'text', (c) => c.notNull().check(dayColumn('period_end')))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('filed_by', 'uuid', (c) => c.notNull().references('officials.id'))
    .addColumn('investment_completed', 'integer', (c) => c.notNull().check(sql`investment_completed >= 0`))
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('on_time', 'boolean', (c) => c.notNull())
    .addUniqueConstraint('progress_reports_project_period', ['project_id', 'period_end'])
    .execute();
  await db.schema.createIndex('progress_reports_period').on('progress_reports').column('period_end').execute();

  await db.schema
    .createTable('progress_report_items')
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('progress_reports.id'))
    .addColumn('milestone_id', 'uuid', (c) => c.notNull().references('project_milestones.id'))
    .addColumn('percent', 'integer', (c) => c.notNull().check(sql`percent between 0 and 100`))
    .addPrimaryKeyConstraint('progress_report_items_pk', ['report_id', 'milestone_id'])
    .execute();

  // 即刻交办: a problem found in a project is an issue at once, linked both ways.
  await db.schema
    .alterTable('issues')
    .addColumn('project_id', 'uuid', (c) => c.references('projects.id'))
    .execute();
  await sql`create index issues_project on issues (project_id) where project_id is not null`.execute(db);
  await db.schema
    .createTable('project_problems')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('milestone_id', 'uuid', (c) => c.references('project_milestones.id'))
    .addColumn('report_id', 'uuid', (c) => c.references('progress_reports.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'uuid', (c) => c.notNull().references('officials.id'))
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('issue_id', 'uuid', (c) => c.notNull().unique().references('issues.id'))
    .execute();
  await db.schema.createIndex('project_problems_project').on('project_problems').column('project_id').execute();

  // The project ledger: append-only, like issue_events.
  await db.schema
    .createTable('project_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('milestone_id', 'uuid', (c) => c.references('project_milestones.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('actor_account_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('project_events_project_seq', ['project_id', 'seq'])
    .execute();
  await sql`
    create function project_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'project_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger project_events_no_update before update or delete on project_events
    for each row execute function project_events_append_only()`.execute(db);
  await sql`create trigger project_events_no_truncate before truncate on project_events
    for each statement execute function project_events_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['project_events', 'project_problems', 'progress_report_items', 'progress_reports', 'project_milestones', 'project_members']) {
    await db.schema.dropTable(t).ifExists().cascade().execute();
  }
  await db.schema.alterTable('issues').dropColumn('project_id').execute();
  for (const t of ['projects', 'project_types']) await db.schema.dropTable(t).ifExists().cascade().execute();
  await sql`drop function if exists project_events_append_only()`.execute(db);
}
