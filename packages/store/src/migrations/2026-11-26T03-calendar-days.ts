import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
// Operator-declared holidays and make-up workdays (调休): they override the calendar package's
// data, and supply the years it does not know yet.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'makeup_workday')`))
    .addColumn('name', 'text')
    // Where the declaration comes from: the State Council notice (国办发明电〔2026〕X号) or 'admin'.
    .addColumn('source', 'text', (c) => c.notNull().check(sql`length(trim(source)) > 0`))
    .addColumn('created_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_days').ifExists().execute();
}
