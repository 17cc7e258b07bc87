import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '@huiyin/domain';
import type { Config } from '@huiyin/config';
import { Me, NoContent, Session } from '@huiyin/contract';
import type { Db } from '@huiyin/store';
import { SESSION_COOKIE, actorOf } from '../auth/authenticate.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { createSession, endSession, type SessionAccount } from '../auth/sessions.ts';

const LoginInput = z.strictObject({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config; clock: () => Date; sessionCache: SessionCache<SessionAccount> }> = async (app, { db, config, clock: now, sessionCache }) => {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Sign in: sets a session cookie and returns a bearer token',
        description:
          "Needs no session; at most LOGIN_RATE_PER_MINUTE attempts a minute from one client address. The token (bearer, or the `huiyin_session` cookie: HttpOnly, SameSite=Lax) is valid until `expiresAt` (SESSION_TTL_SECONDS); `kind` says whether the account is an enterprise's or an official's. A wrong login or password is `401 auth.bad_credentials`; five wrong passwords in a row lock the account for 15 minutes (`423 auth.locked`, even with the right password), and until a sign-in succeeds each further wrong password locks it again.",
        body: LoginInput,
        response: { 200: Session },
      },
      config: { public: true, rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { login, password } = request.body;
      const account = await db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
      const t = now();
      if (account?.locked_until && account.locked_until > t) {
        throw new DomainError('auth.locked', `too many wrong passwords; try again after ${account.locked_until.toISOString()}`);
      }
      if (!account || !(await verifyPassword(account.password_hash, password))) {
        if (account) {
          const failures = account.failed_logins + 1;
          await db
            .updateTable('accounts')
            .set({ failed_logins: failures, locked_until: failures >= MAX_FAILURES ? new Date(t.getTime() + LOCK_MINUTES * 60_000) : null })
            .where('id', '=', account.id)
            .execute();
        }
        throw new DomainError('auth.bad_credentials', 'wrong login or password');
      }
      await db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute();
      const session = await createSession(db, account.id, config.sessionTtlSeconds, t);
      const secure = config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure === 'true';
      reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
      return { token: session.token, expiresAt: session.expiresAt, kind: account.enterprise_id ? ('enterprise' as const) : ('official' as const) };
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
          "Any signed-in account. An official's answer carries the roles, unit and leader the permission checks go by; an enterprise account's carries its enterprise. `name` is the official's or the enterprise's name.",
        response: { 200: Me },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind === 'system') throw new DomainError('auth.forbidden', 'not an account');
      return { login: request.session?.login ?? '', name: request.session?.name ?? '', ...actor };
    },
  );
};
