import { sql } from 'kysely';
import type { Db } from './db.ts';

/** Wrong passwords in a row, from one address for one login, before that pair is locked. */
export const MAX_FAILURES = 5;
/** The first lock; each further lock within a day lasts twice as long as the one before, up to a day. */
const FIRST_LOCK_SECONDS = 15 * 60;
const MAX_LOCK_SECONDS = 24 * 3600;
/** Failures this old are forgotten, and with them the growing lock (strikes). */
const MEMORY = '1 day';

/**
 * Why per login AND client address: a lock on the account alone lets anyone keep an official out
 * by typing five wrong passwords from anywhere. Here a stranger's wrong passwords lock only the
 * stranger's address for that login; the owner, signing in from their own address, is not
 * affected. Guessing from one address is bounded by the lock (growing: 15 min, 30 min, 1 h … up to
 * a day, for locks within a day of each other) and by LOGIN_RATE_PER_MINUTE; guessing from many
 * addresses is bounded by the password strength check (passwordWeakness). Unknown logins are
 * counted and locked alike, so a 423 says nothing about whether the login exists.
 */
export type LoginGuard = {
  /** When this pair is locked until, or null when it is not locked now. */
  lockedUntil(login: string, address: string, now: Date): Promise<Date | null>;
  /** Counts one wrong password, atomically; the lock it sets when this is the MAX_FAILURES-th, or null. */
  failed(login: string, address: string, now: Date): Promise<Date | null>;
  /** A successful sign-in forgets this pair's failures (not other addresses'). */
  succeeded(login: string, address: string): Promise<void>;
};

export function createLoginGuard(db: Db): LoginGuard {
  return {
    async lockedUntil(login, address, now) {
      const row = await db.selectFrom('login_failures').select('locked_until').where('login', '=', login).where('address', '=', address).executeTakeFirst();
      return row?.locked_until && row.locked_until > now ? row.locked_until : null;
    },
    async failed(login, address, now) {
      // One statement: concurrent failures queue on the row (ON CONFLICT locks it), none is lost.
      // A lock that has run out starts the count again (`fresh`): it does not re-arm on the next
      // wrong password. Failures while locked only count (the route refuses those before
      // checking), and the lock is set only when the count reaches MAX_FAILURES.
      const t = now.toISOString();
      const fresh = sql<boolean>`(login_failures.locked_until is not null and login_failures.locked_until <= ${t}::timestamptz) or login_failures.last_failed_at < ${t}::timestamptz - ${MEMORY}::interval`;
      const count = sql<number>`case when ${fresh} then 1 else login_failures.failures + 1 end`;
      const strikes = sql<number>`case when login_failures.last_failed_at < ${t}::timestamptz - ${MEMORY}::interval then 0 else login_failures.strikes end`;
      const seconds = sql<number>`least(${FIRST_LOCK_SECONDS} * power(2, ${strikes}), ${MAX_LOCK_SECONDS})`;
      const row = await db
        .insertInto('login_failures')
        .values({ login, address, failures: 1, strikes: 0, last_failed_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.columns(['login', 'address']).doUpdateSet({
            failures: count,
            strikes: sql<number>`case when ${count} = ${MAX_FAILURES} then ${strikes} + 1 else ${strikes} end`,
            locked_until: sql<Date | null>`case when ${count} = ${MAX_FAILURES} then ${t}::timestamptz + make_interval(secs => ${seconds}) when ${fresh} then null else login_failures.locked_until end`,
            last_failed_at: now,
          }),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
      return row.failures === MAX_FAILURES ? row.locked_until : null;
    },
    async succeeded(login, address) {
      await db.deleteFrom('login_failures').where('login', '=', login).where('address', '=', address).execute();
    },
  };
}

/** Forgets failures older than a day whose lock has run out (unknown logins would pile up); run daily with the uploads' sweep. */
export async function sweepLoginFailures(db: Db): Promise<number> {
  const r = await db
    .deleteFrom('login_failures')
    .where(sql<boolean>`last_failed_at < now() - ${MEMORY}::interval`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
