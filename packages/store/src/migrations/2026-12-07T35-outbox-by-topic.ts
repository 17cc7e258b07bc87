import { sql, type Kysely } from 'kysely';

// Frozen in time: typed Kysely<any>, imports no app code.
//
// The worker's mail drain claims due mail only, in due order, several times a second; channel
// messages (WeCom, DingTalk, SMS) wait in the same table between their retries. With the topic
// first, the drain reads mail rows alone, in the order it takes them, instead of stepping over
// every due channel row; the channels' hand-over reads its three topics the same way. It takes
// the place of `outbox_pending`, so a row still updates one pending index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index outbox_due on outbox (topic, available_at, id) where processed_at is null`.execute(db);
  await sql`drop index if exists outbox_pending`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists outbox_pending on outbox (available_at, id) where processed_at is null`.execute(db);
  await sql`drop index if exists outbox_due`.execute(db);
}
