import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type Actor } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

/** Every key starts with this, so a leaked one is recognised (secret scanners, logs). */
const KEY_PREFIX = 'hy_';
/** How many characters of a key are kept in clear to tell keys apart. */
const SHOWN = 10;

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** An enterprise acts on its own keys; an admin on any enterprise's. Anyone else learns nothing (404). */
function mayManage(actor: Actor, enterpriseId: string): boolean {
  if (actor.kind === 'enterprise') return actor.enterpriseId === enterpriseId;
  return actor.kind === 'official' && actor.roles.includes('admin');
}

const columns = ['id', 'name', 'prefix', 'account_id as accountId', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'] as const;

/**
 * Issues an API key for an enterprise's systems (Open311 `api_key`). The key acts as one of the
 * enterprise's accounts: the enterprise's own key acts as the account that asked for it; an
 * admin names the account, or gets the enterprise's first. The key is shown in this answer only:
 * only its hash is kept.
 * @throws DomainError `enterprise.not_found`, `reference.unknown` (no such account of the enterprise)
 */
export async function issueApiKey(db: Db, actor: Actor, params: { enterpriseId: string; name: string; accountId?: string | undefined }) {
  if (!mayManage(actor, params.enterpriseId)) throw new DomainError('enterprise.not_found', 'no such enterprise');
  const enterprise = await db.selectFrom('enterprises').select('id').where('id', '=', params.enterpriseId).executeTakeFirst();
  if (!enterprise) throw new DomainError('enterprise.not_found', 'no such enterprise');
  const wanted = actor.kind === 'enterprise' ? actor.accountId : params.accountId;
  let accounts = db.selectFrom('accounts').select('id').where('enterprise_id', '=', enterprise.id);
  if (wanted) accounts = accounts.where('id', '=', wanted);
  const account = await accounts.orderBy('created_at').orderBy('id').executeTakeFirst();
  if (!account) throw new DomainError('reference.unknown', wanted ? 'no such account of this enterprise' : 'the enterprise has no account yet: create one first', { field: 'accountId' });
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      enterprise_id: enterprise.id,
      account_id: account.id,
      name: params.name,
      key_hash: hashOf(key),
      prefix: key.slice(0, SHOWN),
      created_by: actor.kind === 'system' ? account.id : actor.accountId,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return { ...row, key };
}

/** The enterprise's keys, newest first, without the keys themselves. */
export async function listApiKeys(db: Db, actor: Actor, enterpriseId: string) {
  if (!mayManage(actor, enterpriseId)) throw new DomainError('enterprise.not_found', 'no such enterprise');
  const items = await db.selectFrom('api_keys').select(columns).where('enterprise_id', '=', enterpriseId).orderBy('created_at', 'desc').orderBy('id').execute();
  return { items };
}

/**
 * Revokes a key at once; it stays on record. Revoking a revoked key changes nothing.
 * @throws DomainError `enterprise.not_found`, `api_key.not_found`
 */
export async function revokeApiKey(db: Db, actor: Actor, params: { enterpriseId: string; keyId: string; now: Date }): Promise<void> {
  if (!mayManage(actor, params.enterpriseId)) throw new DomainError('enterprise.not_found', 'no such enterprise');
  const row = await db.selectFrom('api_keys').select(['id', 'revoked_at']).where('id', '=', params.keyId).where('enterprise_id', '=', params.enterpriseId).executeTakeFirst();
  if (!row) throw new DomainError('api_key.not_found', 'no such key of this enterprise');
  if (row.revoked_at) return;
  await db
    .updateTable('api_keys')
    .set({ revoked_at: params.now, revoked_by: actor.kind === 'system' ? null : actor.accountId })
    .where('id', '=', row.id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The enterprise actor a live key acts as, or null for an unknown or revoked key. Notes its use. */
export async function actorOfApiKey(db: Db, key: string, now: Date): Promise<(Actor & { kind: 'enterprise' }) | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('key_hash', '=', hashOf(key))
    .where('revoked_at', 'is', null)
    .returning(['enterprise_id', 'account_id'])
    .executeTakeFirst();
  return row ? { kind: 'enterprise', accountId: row.account_id, enterpriseId: row.enterprise_id } : null;
}
