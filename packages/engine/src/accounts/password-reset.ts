import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { hashPasswordForStore } from '../accounts.ts';
import { passwordWeakness } from '../password-strength.ts';

/** How long a mailed reset link works. */
export const PASSWORD_RESET_TTL_MINUTES = 30;
/** Reset mails one account is sent in an hour at most; further requests are answered alike but send nothing. */
export const PASSWORD_RESETS_PER_HOUR = 3;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * 忘记密码: for the account whose login this is, or the active officials whose e-mail it is, a
 * single-use token valid PASSWORD_RESET_TTL_MINUTES, mailed through the outbox (an official to
 * their e-mail, an enterprise account to its contacts' e-mails). Says nothing back: the caller
 * answers the same whether or not anything was sent. Returns how many mails were written.
 */
export async function requestPasswordReset(db: Db, loginOrEmail: string, now: Date): Promise<number> {
  const candidates = await db
    .selectFrom('accounts')
    .leftJoin('officials', 'officials.id', 'accounts.official_id')
    .leftJoin('enterprises', 'enterprises.id', 'accounts.enterprise_id')
    .select(['accounts.id', 'accounts.login', 'officials.email', 'enterprises.contacts', 'officials.deactivated_at'])
    .where((eb) => eb.or([eb('accounts.login', '=', loginOrEmail), eb(sql<string>`lower(officials.email)`, '=', loginOrEmail.toLowerCase())]))
    .limit(5)
    .execute();
  let sent = 0;
  for (const a of candidates) {
    if (a.deactivated_at) continue;
    const to = a.email ? [a.email] : [...new Set((a.contacts ?? []).map((c) => c.email).filter(Boolean))];
    if (to.length === 0) continue;
    sent += await db.transaction().execute(async (tx) => {
      // Counted under the account's row lock, so concurrent requests cannot all pass the limit.
      await tx.selectFrom('accounts').select('id').where('id', '=', a.id).forUpdate().execute();
      const recent = await tx
        .selectFrom('password_reset_tokens')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', a.id)
        .where('created_at', '>', new Date(now.getTime() - 3_600_000))
        .executeTakeFirstOrThrow();
      if (Number(recent.n) >= PASSWORD_RESETS_PER_HOUR) return 0;
      const token = randomBytes(32).toString('base64url');
      const hash = hashOf(token);
      await tx
        .insertInto('password_reset_tokens')
        .values({ token_hash: hash, account_id: a.id, created_at: now, expires_at: new Date(now.getTime() + PASSWORD_RESET_TTL_MINUTES * 60_000) })
        .execute();
      const text = `有人（希望是您）为回音账号 ${a.login} 申请了重置密码。请在 ${PASSWORD_RESET_TTL_MINUTES} 分钟内打开下面的链接设置新密码；链接只能使用一次。\n如果不是您本人申请，请忽略本邮件，您的密码不会改变。`;
      await tx
        .insertInto('outbox')
        .values({
          topic: 'mail',
          issue_id: null,
          payload: JSON.stringify({ to, subject: '【回音】重置密码', text, link: `/reset-password#token=${token}`, secretLink: true }),
          dedupe_key: `password-reset-${hash}`,
        })
        .execute();
      return 1;
    });
  }
  return sent;
}

/**
 * 重置密码 with a mailed token: once, before it expires. Sets the password (strength checked
 * against the login), which need not be changed again, ends every session of the account,
 * forgets its wrong-password locks and spends the account's other reset tokens. Returns the
 * ended sessions' token hashes, for the caller's session cache.
 */
export async function resetPasswordWithToken(db: Db, input: { token: string; newPassword: string }, now: Date): Promise<{ accountId: string; endedSessions: string[] }> {
  const invalid = () => new DomainError('password_reset.token_invalid', 'this reset link is unknown, used or expired: ask for a new one', { field: 'token' });
  const hash = hashOf(input.token);
  const found = await db
    .selectFrom('password_reset_tokens')
    .innerJoin('accounts', 'accounts.id', 'password_reset_tokens.account_id')
    .select(['accounts.id', 'accounts.login'])
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!found) throw invalid();
  const weak = passwordWeakness(input.newPassword, found.login);
  if (weak) throw new DomainError('account.password_weak', weak, { field: 'newPassword' });
  const passwordHash = await hashPasswordForStore(input.newPassword);
  return db.transaction().execute(async (tx) => {
    // Spent in the same statement that checks it: of two uses at once, one finds it unused.
    const spent = await tx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    if (!spent) throw invalid();
    await tx.updateTable('password_reset_tokens').set({ used_at: now }).where('account_id', '=', found.id).where('used_at', 'is', null).execute();
    await tx.updateTable('accounts').set({ password_hash: passwordHash, must_change_password: false, password_changed_at: now }).where('id', '=', found.id).execute();
    await tx.deleteFrom('login_failures').where('login', '=', found.login).execute();
    const ended = await tx.deleteFrom('sessions').where('account_id', '=', found.id).returning('token_hash').execute();
    return { accountId: found.id, endedSessions: ended.map((s) => s.token_hash) };
  });
}
