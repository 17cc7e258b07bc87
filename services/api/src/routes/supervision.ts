import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant, Text, TimeLimit } from '@huiyin/contract';
import { getIssue, issueSupervisionOrder, listSupervisionOrders, replySupervisionOrder, type EngineDeps } from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';
import { WorkPage } from './work.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

/** A 督办单 by hand: what the unit must answer, and by when — a time limit from now or a due time, exactly one. */
const IssueOrderBody = z
  .strictObject({
    requiredReply: Text(2000),
    dueIn: TimeLimit.optional(),
    dueAt: Instant.optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.dueIn === undefined) === (b.dueAt === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['dueIn'], message: 'give exactly one of dueIn (a time limit) or dueAt (a due time)' });
    }
  });

export const supervisionRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/supervision/orders',
    {
      schema: {
        tags: ['work'],
        summary: '督办单: supervision orders of issues and key projects (supervision all; a unit its own; a leader those on their issues and projects); unanswered first, keyset pages',
        querystring: WorkPage.extend({
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          issueId: Id.optional(),
          projectId: Id.optional(),
        }),
      },
    },
    async (request) => listSupervisionOrders(deps.db, officialWith(request), request.query, deps.clock()),
  );

  app.post(
    '/api/v1/issues/:id/supervision-orders',
    {
      schema: {
        tags: ['work'],
        summary: 'Supervision issues a 督办单 by hand on an overdue or escalated issue (supervisor)',
        params: z.object({ id: Id }),
        body: IssueOrderBody,
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      // Whoever may not see the issue learns nothing of it: a 404, as on every issue path.
      await getIssue(deps.db, actorOf(request), request.params.id);
      const actor = officialWith(request, 'supervisor');
      const b = request.body;
      const order = await issueSupervisionOrder(deps, {
        issueId: request.params.id,
        actor,
        requiredReply: b.requiredReply,
        deadline: b.dueIn ? { dueIn: b.dueIn } : { dueAt: new Date(b.dueAt ?? '') },
      });
      return reply.status(201).send(order);
    },
  );

  app.post(
    '/api/v1/supervision/orders/:id/reply',
    {
      schema: { tags: ['work'], summary: "The unit head's written reply to a 督办单", params: z.object({ id: Id }), body: z.strictObject({ reply: Text(5000) }) },
    },
    async (request) => replySupervisionOrder(deps, { orderId: request.params.id, actor: officialWith(request, 'unit_head'), reply: request.body.reply }),
  );
};
