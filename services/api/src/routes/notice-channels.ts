import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, NoContent, NoticeChannels, NoticeWebhook, OfficialNoticeChannels, SetNoticeChannelsInput, SetNoticeWebhookInput } from '@huiyin/contract';
import { deleteNoticeWebhook, listNoticeChannels, setNoticeChannels, setNoticeWebhook, type EngineDeps } from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';

/** The notice channels beside mail: group robots per unit and leader, each official's preference (README.md#notice-channels). */
export const noticeChannelRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/admin/notice-channels',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'listNoticeChannels',
        summary: 'The WeCom and DingTalk group robots with their health, the SMS vendor’s health, and the channel messages that failed (admin)',
        description: 'Admins only. A channel failing three times in a row is also reported to the admins in their inbox and by mail; its messages stay queued and are retried.',
        response: { 200: NoticeChannels },
      },
    },
    async (request) => listNoticeChannels(deps.db, actorOf(request)),
  );

  app.post(
    '/api/v1/admin/notice-webhooks',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'setNoticeWebhook',
        summary: 'Set the WeCom or DingTalk group robot of a unit or a leader (their 工作群); one per owner and vendor, a second call replaces it (admin)',
        description:
          'Admins only. The group hears every notice of its unit or leader; reminders and yellow cards outside working time wait for the next working period. The secret is never shown again.',
        body: SetNoticeWebhookInput,
        response: { 200: NoticeWebhook },
      },
    },
    async (request) => setNoticeWebhook(deps.db, officialWith(request, 'admin'), request.body, deps.clock()),
  );

  app.delete(
    '/api/v1/admin/notice-webhooks/:id',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'deleteNoticeWebhook',
        summary: 'Remove a group robot (admin); its unsent messages are closed unsent',
        description: 'Admins only.',
        params: z.object({ id: Id }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await deleteNoticeWebhook(deps.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/v1/officials/:id/notice-channels',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'setNoticeChannels',
        summary: 'Where an official’s routine notices go: mail, SMS or both (the official, or an admin)',
        description: 'The red card, escalations and 督办单 go to every channel the official has whatever the choice; SMS needs a mobile number.',
        params: z.object({ id: Id }),
        body: SetNoticeChannelsInput,
        response: { 200: OfficialNoticeChannels },
      },
    },
    async (request) => setNoticeChannels(deps.db, actorOf(request), request.params.id, request.body),
  );
};
