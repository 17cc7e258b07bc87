import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { createCoalescer } from '@huiyin/engine';
import type { SessionCache } from './session-cache.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session: the token goes to the client once; only its hash is kept. */
export async function createSession(db: Db, accountId: string, ttlSeconds: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), account_id: accountId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** Ends a session: deleted (the database tells every API process, T15) and forgotten here at once. */
export async function endSession(db: Db, token: string, cache?: SessionCache<SessionAccount>): Promise<void> {
  const hash = tokenHash(token);
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
  // After the delete: a lookup that ran meanwhile is forgotten, and one still running is not kept.
  cache?.drop(hash);
}

/** `mustChangePassword`: an admin-set password, to be changed before anything else (authenticate). */
export type SessionAccount = { accountId: string; login: string; actor: Actor; name: string; mustChangePassword: boolean };

type SessionRow = {
  tokenHash: string;
  expiresAt: Date;
  accountId: string;
  login: string;
  mustChangePassword: boolean;
  enterpriseId: string | null;
  officialId: string | null;
  roles: string[] | null;
  unitId: string | null;
  leaderId: string | null;
  officialName: string | null;
  enterpriseName: string | null;
};

/** The sessions behind many token hashes, in one statement. */
async function sessionRows(db: Db, hashes: readonly string[], now: Date): Promise<Map<string, SessionRow>> {
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('officials', 'officials.id', 'accounts.official_id')
    .leftJoin('enterprises', 'enterprises.id', 'accounts.enterprise_id')
    .select([
      'sessions.token_hash as tokenHash',
      'sessions.expires_at as expiresAt',
      'accounts.id as accountId',
      'accounts.login',
      'accounts.must_change_password as mustChangePassword',
      'accounts.enterprise_id as enterpriseId',
      'accounts.official_id as officialId',
      'officials.roles',
      'officials.unit_id as unitId',
      'officials.leader_id as leaderId',
      'officials.name as officialName',
      'enterprises.name as enterpriseName',
    ])
    .where('sessions.token_hash', 'in', [...hashes])
    .where('sessions.expires_at', '>', now)
    // A deactivated official's sessions are deleted with it; this keeps a racing one out too.
    .where('officials.deactivated_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.tokenHash, r]));
}

function sessionOf(row: SessionRow | undefined): SessionAccount | null {
  if (!row) return null;
  if (row.enterpriseId) {
    return {
      accountId: row.accountId,
      login: row.login,
      name: row.enterpriseName ?? '',
      mustChangePassword: row.mustChangePassword,
      actor: { kind: 'enterprise', accountId: row.accountId, enterpriseId: row.enterpriseId },
    };
  }
  return {
    accountId: row.accountId,
    login: row.login,
    name: row.officialName ?? '',
    mustChangePassword: row.mustChangePassword,
    actor: { kind: 'official', accountId: row.accountId, officialId: row.officialId ?? '', roles: (row.roles ?? []) as Role[], unitId: row.unitId, leaderId: row.leaderId },
  };
}

/**
 * The account and actor behind a token, or null when unknown or expired. A session this process
 * looked up before is answered from `cache` (forgotten as soon as the database announces a
 * change to it: see `createSessionCache`). Tokens that arrive while a lookup is running are
 * looked up together in the next statement (`createCoalescer`), so under load one round trip
 * serves many requests, and a quiet API looks each up at once.
 */
export function createSessionResolver(db: Db, now: () => Date, cache?: SessionCache<SessionAccount>): (token: string) => Promise<SessionAccount | null> {
  const lookUp = createCoalescer<string, SessionAccount | null>(
    async (hashes) => {
      const mark = cache?.mark() ?? 0;
      const rows = await sessionRows(db, hashes, now());
      return hashes.map((h) => {
        const row = rows.get(h);
        const account = sessionOf(row);
        if (row && account) cache?.put(h, account, row.expiresAt, mark);
        return { ok: true as const, value: account };
      });
    },
    { maxBatch: 100, inFlight: 2 },
  );
  return (token) => {
    const hash = tokenHash(token);
    const kept = cache?.get(hash, now());
    return kept ? Promise.resolve(kept) : lookUp(hash);
  };
}
