import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NoContent, PasswordResetInput, PasswordResetRequestInput, PasswordResetRequested } from '@huiyin/contract';
import { PASSWORD_RESET_TTL_MINUTES, PASSWORD_RESETS_PER_HOUR, requestPasswordReset, resetPasswordWithToken } from '@huiyin/engine';
import type { Db } from '@huiyin/store';
import type { SessionCache } from '../auth/session-cache.ts';
import type { SessionAccount } from '../auth/sessions.ts';

type Options = { db: Db; clock: () => Date; ratePerMinute: number; sessionCache: SessionCache<SessionAccount> };

const ANSWER = '如果该登录名或邮箱对应一个账号，重置密码的链接已发往其邮箱。 If an account answers to it, a reset link has been mailed.';

/** 忘记密码 / 重置密码: a single-use link by mail, for accounts whose owner cannot sign in. */
export const passwordResetRoutes: FastifyPluginAsyncZod<Options> = async (app, { db, clock, ratePerMinute, sessionCache }) => {
  app.post(
    '/api/v1/auth/password-reset/request',
    {
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordReset',
        summary: 'Forgot password: mail a reset link',
        description: `Needs no session; at most LOGIN_RATE_PER_MINUTE requests a minute from one client address (429 beyond). \`login\` is a login, or the e-mail of an official. The account's owner gets a mail (an official at their e-mail, an enterprise account at its contacts' e-mails) with a link to \`/reset-password?token=…\` that works once, for ${PASSWORD_RESET_TTL_MINUTES} minutes; at most ${PASSWORD_RESETS_PER_HOUR} such mails an hour per account, further requests send nothing. The answer is the same 202 whether or not an account answers to it, and whether or not a mail went.`,
        body: PasswordResetRequestInput,
        response: { 202: PasswordResetRequested },
      },
      config: { public: true, rateLimit: { max: ratePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await requestPasswordReset(db, request.body.login, clock());
      return reply.status(202).send({ message: ANSWER });
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        operationId: 'resetPasswordWithToken',
        summary: 'Set a new password with a mailed reset token',
        description:
          'Needs no session; rate-limited as signing in. A token unknown, used or expired is `400 password_reset.token_invalid`; a new password that is easy to guess (zxcvbn score below 3), shorter than 10 characters or containing the login is `422 account.password_weak` (the token stays usable). On success the token and every other reset token of the account are spent, every session of the account ends, its wrong-password locks are forgotten, and it signs in with the new password (no change required).',
        body: PasswordResetInput,
        response: { 204: NoContent },
      },
      config: { public: true, rateLimit: { max: ratePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { endedSessions } = await resetPasswordWithToken(db, request.body, clock());
      for (const hash of endedSessions) sessionCache.drop(hash);
      return reply.status(204).send();
    },
  );
};
