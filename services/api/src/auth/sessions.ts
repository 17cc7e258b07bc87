import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session: the token goes to the client once; only its hash is kept. */
export async function createSession(db: Db, accountId: string, ttlSeconds: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await db.insertInto('sessions').values({ token_hash: tokenHash(token), account_id: accountId, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export type SessionAccount = { accountId: string; login: string; actor: Actor; name: string };

/** The account and actor behind a token, or null when unknown or expired. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<SessionAccount | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('officials', 'officials.id', 'accounts.official_id')
    .leftJoin('enterprises', 'enterprises.id', 'accounts.enterprise_id')
    .select([
      'accounts.id as accountId', 'accounts.login', 'accounts.enterprise_id as enterpriseId', 'accounts.official_id as officialId',
      'officials.roles', 'officials.unit_id as unitId', 'officials.leader_id as leaderId', 'officials.name as officialName', 'enterprises.name as enterpriseName',
    ])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  if (row.enterpriseId) {
    return { accountId: row.accountId, login: row.login, name: row.enterpriseName ?? '', actor: { kind: 'enterprise', accountId: row.accountId, enterpriseId: row.enterpriseId } };
  }
  return {
    accountId: row.accountId,
    login: row.login,
    name: row.officialName ?? '',
    actor: { kind: 'official', accountId: row.accountId, officialId: row.officialId ?? '', roles: (row.roles ?? []) as Role[], unitId: row.unitId, leaderId: row.leaderId },
  };
}
