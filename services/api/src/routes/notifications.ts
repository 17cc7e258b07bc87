import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Notification, NotificationUnreadCount, NotificationsMarked, Page, pageOf } from '@huiyin/contract';
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
      schema: {
        tags: ['notifications'],
        operationId: 'listNotifications',
        summary: 'Your in-app notifications, newest first (keyset pages); `unread=true` for the unread only',
        description:
          'Any signed-in account, its own inbox only: one row for each notice the engine addressed to it (about an issue, a key project or a bulletin). `readAt` is null while unread. Paged by `cursor`.',
        querystring: ListQuery,
        response: { 200: pageOf(Notification) },
      },
    },
    async (request) => listNotifications(deps.db, accountOf(request), request.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'countUnreadNotifications',
        summary: 'How many of your notifications are unread',
        description: 'Any signed-in account, counting its own inbox only: the notifications whose `readAt` is null.',
        response: { 200: NotificationUnreadCount },
      },
    },
    async (request) => ({ count: await countUnreadNotifications(deps.db, accountOf(request)) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'markNotificationRead',
        summary: 'Mark one of your notifications read (again: no change)',
        description:
          "Any signed-in account, on its own notifications only: another account's id, or an unknown one, is `404 notification.not_found`. `readAt` keeps the time of the first reading; answers with the notification.",
        params: IdParams,
        response: { 200: Notification },
      },
    },
    async (request) => markNotificationRead(deps.db, accountOf(request), request.params.id, deps.clock()),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'markAllNotificationsRead',
        summary: 'Mark all your notifications read; answers how many were unread',
        description: 'Any signed-in account, on its own inbox only: every unread notification gets `readAt` now; those already read keep their time.',
        response: { 200: NotificationsMarked },
      },
    },
    async (request) => ({ marked: await markAllNotificationsRead(deps.db, accountOf(request), deps.clock()) }),
  );
};
