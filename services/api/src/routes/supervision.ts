import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant, SupervisionOrder, SupervisionOrderIssued, SupervisionOrderReplied, Text, TimeLimit, pageOf } from '@huiyin/contract';
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
        operationId: 'listSupervisionOrders',
        summary:
          '督办单: supervision orders of issues and key projects (supervision, dispatchers and admins all; a unit its own; a leader those on their issues and projects); unanswered first, keyset pages',
        description:
          'Any official (an enterprise gets `403 auth.forbidden`); dispatchers and admins see all, as supervision does. `open=true` keeps the unanswered, `open=false` the answered, `issueId` and `projectId` those of one issue or key project; the unanswered come by issue time, then the answered by reply time, oldest first. `replyOverdue` marks an order unanswered past `replyDueAt` or answered late.',
        querystring: WorkPage.extend({
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          issueId: Id.optional(),
          projectId: Id.optional(),
        }),
        response: { 200: pageOf(SupervisionOrder) },
      },
    },
    async (request) => listSupervisionOrders(deps.db, officialWith(request), request.query, deps.clock()),
  );

  app.post(
    '/api/v1/issues/:id/supervision-orders',
    {
      schema: {
        tags: ['work'],
        operationId: 'issueSupervisionOrder',
        summary: 'Supervision issues a 督办单 by hand on an overdue or escalated issue (supervisor)',
        description:
          "A supervisor; whoever else may see the issue gets `403 auth.forbidden`, anyone else `404 issue.not_found`. The order goes to the issue's lead unit, on the issue's ledger (its version moves on), and the lead unit's heads and the issue's leader are notified; left unanswered past its due time it escalates once. Refused: `409 issue.not_overdue` (no running clock past due, track not `red` or beyond), `409 issue.supervision_order_open` (an order still unanswered), `409 issue.wrong_state` (ended, or no lead unit yet), `400 validation.invalid` (a due time not in the future).",
        params: z.object({ id: Id }),
        body: IssueOrderBody,
        headers: IdempotencyHeaders,
        response: { 201: SupervisionOrderIssued },
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
      schema: {
        tags: ['work'],
        operationId: 'replySupervisionOrder',
        summary: "The unit head's written reply to a 督办单",
        description:
          "A unit head of the order's unit, once. The reply goes on the ledger of the order's issue (its version moves on) or key project, on time or not against `replyDueAt`, and supervision is notified. Refused: `404 supervision_order.not_found`, `403 auth.forbidden` (not a unit head of the order's unit), `409 supervision_order.already_replied`.",
        params: z.object({ id: Id }),
        body: z.strictObject({ reply: Text(5000) }),
        response: { 200: SupervisionOrderReplied },
      },
    },
    async (request) => replySupervisionOrder(deps, { orderId: request.params.id, actor: officialWith(request, 'unit_head'), reply: request.body.reply }),
  );
};
