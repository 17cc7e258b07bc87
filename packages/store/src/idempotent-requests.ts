import { sql } from 'kysely';
import type { Db } from './db.ts';

/** How long a claimed key whose request never answered (its process died, or it failed) holds off a retry. */
const ABANDONED_SECONDS = 60;

/** A request holding an account's Idempotency-Key. */
export type HeldKey = { accountId: string; key: string; claim: string };

/** A key someone holds or answered: its request's hash, its answer if any, and whether its claim is abandoned (by the database's clock, the one that stamped it). */
export type KnownKey = { request_hash: string; status: number | null; response: unknown; abandoned: boolean };

const olderThanAbandoned = sql<boolean>`created_at < now() - make_interval(secs => ${ABANDONED_SECONDS})`;

/** Claims the key for this request; false when someone has it already. */
export async function claimKey(db: Db, held: HeldKey, route: string, hash: string): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotent_requests')
    .values({ account_id: held.accountId, key: held.key, route, request_hash: hash, claim: held.claim })
    .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The key as it stands, or undefined when nobody holds it. */
export function knownKey(db: Db, accountId: string, key: string): Promise<KnownKey | undefined> {
  return db
    .selectFrom('idempotent_requests')
    .select(['request_hash', 'status', 'response', olderThanAbandoned.as('abandoned')])
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Takes over an abandoned claim in one statement; false when it was answered or taken meanwhile. */
export async function takeOverKey(db: Db, held: HeldKey): Promise<boolean> {
  const taken = await db
    .updateTable('idempotent_requests')
    .set({ claim: held.claim, created_at: sql<Date>`now()` })
    .where('account_id', '=', held.accountId)
    .where('key', '=', held.key)
    .where('status', 'is', null)
    .where(olderThanAbandoned)
    .returning('key')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Keeps the answer of the request still holding the key (one whose claim was taken over keeps nothing). */
export async function keepAnswer(db: Db, held: HeldKey, status: number, response: unknown): Promise<void> {
  await db
    .updateTable('idempotent_requests')
    .set({ status, response: JSON.stringify(response) })
    .where('account_id', '=', held.accountId)
    .where('key', '=', held.key)
    .where('claim', '=', held.claim)
    .execute();
}

/** Frees the key of a request that created nothing, if it still holds it. */
export async function freeKey(db: Db, held: HeldKey): Promise<void> {
  await db.deleteFrom('idempotent_requests').where('account_id', '=', held.accountId).where('key', '=', held.key).where('claim', '=', held.claim).where('status', 'is', null).execute();
}

/** How long a kept answer is replayed: a client retries within minutes, not days. */
const KEPT_HOURS = 24;

/** Forgets keys older than `KEPT_HOURS` (answered or abandoned), returning how many; run daily with the uploads' sweep. */
export async function sweepKeys(db: Db): Promise<number> {
  const r = await db.deleteFrom('idempotent_requests').where(sql<boolean>`created_at < now() - make_interval(hours => ${KEPT_HOURS})`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
