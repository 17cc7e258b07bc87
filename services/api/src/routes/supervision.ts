import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Text } from '@huiyin/contract';
import { listSupervisionOrders, replySupervisionOrder, type StoreDeps } from '@huiyin/store';
import { officialWith } from '../auth/authenticate.ts';
import { WorkPage } from './work.ts';

export const supervisionRoutes: FastifyPluginAsyncZod<{ deps: StoreDeps }> = async (app, { deps }) => {
  app.get('/api/v1/supervision/orders', {
    schema: {
      tags: ['work'],
      summary: '督办单: supervision orders (supervision all; a unit its own; a leader those on their issues); unanswered first, keyset pages',
      querystring: WorkPage.extend({ open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), issueId: Id.optional() }),
    },
  }, async (request) => listSupervisionOrders(deps.db, officialWith(request), request.query));

  app.post('/api/v1/supervision/orders/:id/reply', {
    schema: { tags: ['work'], summary: "The unit head's written reply to a 督办单", params: z.object({ id: Id }), body: z.object({ reply: Text(5000) }) },
  }, async (request) => replySupervisionOrder(deps, { orderId: request.params.id, actor: officialWith(request, 'unit_head'), reply: request.body.reply }));
};
