import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@huiyin/domain';
import type { Config } from '@huiyin/config';
import { ChangePasswordInput, Id, Me, NoContent, ResetPasswordInput, Session } from '@huiyin/contract';
import { passwordWeakness } from '@huiyin/engine';
import type { Db } from '@huiyin/store';
import { SESSION_COOKIE, actorOf, officialWith } from '../auth/authenticate.ts';
import { createLoginGuard, MAX_FAILURES } from '@huiyin/store';
import { hashPassword, prepareDummyHash, verifyAgainstDummy, verifyPassword } from '../auth/passwords.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { createSession, endSession, type SessionAccount } from '../auth/sessions.ts';

const LoginInput = z.strictObject({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });

type Options = { db: Db; config: Config; clock: () => Date; sessionCache: SessionCache<SessionAccount> };

export const authRoutes: FastifyPluginAsyncZod<Options> = async (app, { db, config, clock: now, sessionCache }) => {
  const guard = createLoginGuard(db);
  prepareDummyHash();

  /**
   * Runs `change` with every session of the account deleted in the same transaction (the database
   * tells the other API processes, T15), then forgets them here at once, after the commit, as `endSession` does.
   */
  const withSessionsEnded = async (accountId: string, change: (tx: Db) => Promise<unknown>) => {
    const gone = await db.transaction().execute(async (tx) => {
      await change(tx);
      return tx.deleteFrom('sessions').where('account_id', '=', accountId).returning('token_hash').execute();
    });
    for (const g of gone) sessionCache.drop(g.token_hash);
  };

  /** 423 with Retry-After while this login is locked from this address. */
  const refuseWhileLocked = async (request: FastifyRequest, reply: FastifyReply, login: string, t: Date) => {
    const until = await guard.lockedUntil(login, request.ip, t);
    if (!until) return;
    reply.header('retry-after', String(Math.max(1, Math.ceil((until.getTime() - t.getTime()) / 1000))));
    throw new DomainError('auth.locked', `too many wrong passwords from this address; try again after ${until.toISOString()}`);
  };

  const startSession = async (request: FastifyRequest, reply: FastifyReply, account: { id: string; enterprise_id: string | null; must_change_password: boolean }, t: Date) => {
    const session = await createSession(db, account.id, config.sessionTtlSeconds, t);
    const secure = config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure === 'true';
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      kind: account.enterprise_id ? ('enterprise' as const) : ('official' as const),
      mustChangePassword: account.must_change_password,
    };
  };

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Sign in: sets a session cookie and returns a bearer token',
        description: `Needs no session; at most LOGIN_RATE_PER_MINUTE attempts a minute from one client address. The token (bearer, or the \`huiyin_session\` cookie: HttpOnly, SameSite=Lax) is valid until \`expiresAt\` (SESSION_TTL_SECONDS); \`kind\` says whether the account is an enterprise's or an official's; \`mustChangePassword\` that the password was set by an admin and must be changed (\`POST /api/v1/auth/password\`) before anything else. A wrong login or a wrong password is the same \`401 auth.bad_credentials\`, in the same time. ${MAX_FAILURES} wrong passwords in a row for one login from one client address lock that login from that address (\`423 auth.locked\` with \`Retry-After\`, even with the right password; the account's owner elsewhere is not locked out): 15 minutes, twice as long for each further lock within a day, at most a day. When a lock runs out the count starts again.`,
        body: LoginInput,
        response: { 200: Session },
      },
      config: { public: true, rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { login, password } = request.body;
      const t = now();
      await refuseWhileLocked(request, reply, login, t);
      const account = await db
        .selectFrom('accounts')
        .leftJoin('officials', 'officials.id', 'accounts.official_id')
        .select(['accounts.id', 'accounts.password_hash', 'accounts.enterprise_id', 'accounts.must_change_password', 'officials.deactivated_at'])
        .where('accounts.login', '=', login)
        .executeTakeFirst();
      const ok = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDummy(password);
      // A deactivated official is answered as a wrong password, after the same check.
      if (!account || !ok || account.deactivated_at) {
        // Unknown logins are counted too: a lock must not tell which logins exist.
        await guard.failed(login, request.ip, t);
        throw new DomainError('auth.bad_credentials', 'wrong login or password');
      }
      await guard.succeeded(login, request.ip);
      return startSession(request, reply, account, t);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        operationId: 'changePassword',
        summary: 'Change your own password',
        description: `Any signed-in account, also one that must change an admin-set password (the one call it may make besides \`GET /api/v1/me\` and signing out). A wrong \`currentPassword\` is \`403 account.password_wrong\` and counts as a wrong sign-in (\`423 auth.locked\` after ${MAX_FAILURES}); a \`newPassword\` that is easy to guess (zxcvbn score below 3), shorter than 10 characters, containing the login or equal to the current one is \`422 account.password_weak\`. Ends every session of the account (on every device) and answers a new one, with its cookie.`,
        body: ChangePasswordInput,
        response: { 200: Session },
      },
      config: { beforePasswordChange: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.kind === 'system' || !request.session) throw new DomainError('auth.forbidden', 'not an account');
      const { currentPassword, newPassword } = request.body;
      const login = request.session.login;
      const t = now();
      await refuseWhileLocked(request, reply, login, t);
      const account = await db.selectFrom('accounts').select(['id', 'password_hash', 'enterprise_id']).where('id', '=', actor.accountId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(account.password_hash, currentPassword))) {
        await guard.failed(login, request.ip, t);
        throw new DomainError('account.password_wrong', 'the current password is wrong', { field: 'currentPassword' });
      }
      const weak = newPassword === currentPassword ? 'must differ from the current password' : passwordWeakness(newPassword, login, [request.session.name]);
      if (weak) throw new DomainError('account.password_weak', weak, { field: 'newPassword' });
      const hash = await hashPassword(newPassword);
      // Whoever holds an old session (a stolen token, another device) is signed out.
      await withSessionsEnded(account.id, (tx) => tx.updateTable('accounts').set({ password_hash: hash, must_change_password: false, password_changed_at: t }).where('id', '=', account.id).execute());
      await guard.succeeded(login, request.ip);
      return startSession(request, reply, { ...account, must_change_password: false }, t);
    },
  );

  app.post(
    '/api/v1/accounts/:id/password',
    {
      schema: {
        tags: ['auth'],
        operationId: 'resetPassword',
        summary: "Reset an account's password (admin)",
        description:
          "Admin only. Sets a one-time password for any account (an official's or an enterprise's; the id is the account's, as `EnterpriseAccount.id`), to be handed over out of band: the account must change it at its next sign-in before anything else. Ends every session of the account and forgets its wrong-password locks. An unknown account is `404 account.not_found`; a password that is easy to guess or contains the login is `422 account.password_weak`.",
        params: z.object({ id: Id }),
        body: ResetPasswordInput,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      officialWith(request, 'admin');
      const account = await db.selectFrom('accounts').select(['id', 'login']).where('id', '=', request.params.id).executeTakeFirst();
      if (!account) throw new DomainError('account.not_found', 'no such account');
      const weak = passwordWeakness(request.body.password, account.login);
      if (weak) throw new DomainError('account.password_weak', weak, { field: 'password' });
      const hash = await hashPassword(request.body.password);
      await withSessionsEnded(account.id, async (tx) => {
        await tx.updateTable('accounts').set({ password_hash: hash, must_change_password: true, password_changed_at: now() }).where('id', '=', account.id).execute();
        await tx.deleteFrom('login_failures').where('login', '=', account.login).execute();
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'Sign out',
        description:
          'Needs no session: ends the session whose token the request carries (bearer or cookie) at once, on every API process, and clears the cookie. Without a token, or with one already ended, it still answers 204.',
        response: { 204: NoContent },
      },
      config: { public: true },
    },
    async (request, reply) => {
      if (request.sessionToken) await endSession(db, request.sessionToken, sessionCache);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getMe',
        summary: 'Who is signed in',
        description:
          "Any signed-in account, also one that must change its password first (`mustChangePassword`). An official's answer carries the roles, unit and leader the permission checks go by; an enterprise account's carries its enterprise. `name` is the official's or the enterprise's name.",
        response: { 200: Me },
      },
      config: { beforePasswordChange: true },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind === 'system') throw new DomainError('auth.forbidden', 'not an account');
      return { login: request.session?.login ?? '', name: request.session?.name ?? '', mustChangePassword: request.session?.mustChangePassword ?? false, ...actor };
    },
  );
};
