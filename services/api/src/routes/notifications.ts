import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Page } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';

const ListQuery = Page.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const IdParams = z.object({ id: Id });

/** The signed-in account's id: every notification route reads and writes only its own rows. */
function accountOf(request: FastifyRequest): string {
  const actor = actorOf(request);
  if (actor.kind === 'system') throw new DomainError('auth.forbidden', 'the engine has no inbox');
  return actor.accountId;
}

export const notificationRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/notifications',
    {
      schema: { tags: ['notifications'], summary: 'Your in-app notifications, newest first (keyset pages); `unread=true` for the unread only', querystring: ListQuery },
    },
    async (request) => listNotifications(deps.db, accountOf(request), request.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: { tags: ['notifications'], summary: 'How many of your notifications are unread' },
    },
    async (request) => ({ count: await countUnreadNotifications(deps.db, accountOf(request)) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: { tags: ['notifications'], summary: 'Mark one of your notifications read (again: no change)', params: IdParams },
    },
    async (request) => markNotificationRead(deps.db, accountOf(request), request.params.id, deps.clock()),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: { tags: ['notifications'], summary: 'Mark all your notifications read; answers how many were unread' },
    },
    async (request) => ({ marked: await markAllNotificationsRead(deps.db, accountOf(request), deps.clock()) }),
  );
};
