import type { Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
export async function up(db: Kysely<any>): Promise<void> {
  // When the row was handed to the delivery queue; a row handed over long ago and still unsent
  // (Redis lost the job) is handed over again.
  await db.schema.alterTable('outbox').addColumn('enqueued_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('enqueued_at').execute();
}
