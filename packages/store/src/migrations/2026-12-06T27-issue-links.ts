import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// 关联诉求: a dispatcher links two issues about the same problem, of the same or other enterprises
// (README.md#related-issues). A link has no direction: the pair is stored once, the smaller id in
// `issue_a`, so the unique key makes linking twice one link however the pair is named.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('issue_links')
    .addColumn('issue_a', 'uuid', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('issue_b', 'uuid', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('linked_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('issue_links_pair', ['issue_a', 'issue_b'])
    .addCheckConstraint('issue_links_canonical', sql`issue_a < issue_b`)
    .execute();
  // The other direction: an issue's links where it is the larger id.
  await sql`create index issue_links_b on issue_links (issue_b)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('issue_links').ifExists().execute();
}
