import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, ReminderPressed } from '@huiyin/contract';
import { isDomainError } from '@huiyin/domain';
import { pressReminder, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';

export const issueReminderRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/issues/:id/reminders',
    {
      schema: {
        tags: ['issue actions'],
        operationId: 'pressReminder',
        summary: '催办: press a reminder on an overdue issue (its enterprise, a leader)',
        description:
          "The issue's enterprise, or a leader who may see the issue (others `403 auth.forbidden`; whoever may not see it `404 issue.not_found`), while its most pressing running clock is past due as on the supervision board (else `409 issue.not_overdue`; an ended issue `409 issue.wrong_state`). The press goes on the issue's ledger (the enterprise sees its own on its timeline) and the lead unit is told by mail and in its inbox (before dispatch, the dispatchers). Once a day per issue and presser (Asia/Shanghai): a second press is `429 reminder.limit_reached` with `Retry-After` (the seconds to midnight).",
        params: z.object({ id: Id }),
        body: z.strictObject({}).optional(),
        response: { 201: ReminderPressed },
      },
    },
    async (request, reply) => {
      try {
        return reply.status(201).send(await pressReminder(deps, { issueId: request.params.id, actor: actorOf(request) }));
      } catch (e) {
        if (isDomainError(e) && e.code === 'reminder.limit_reached') reply.header('retry-after', String(e.details['retryAfterSeconds']));
        throw e;
      }
    },
  );
};
