import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Text } from '@huiyin/contract';
import type { EngineDeps } from '@huiyin/engine';
import { APPEAL_REASONS, decideAppeal, fileAppeal, listAppeals } from '@huiyin/reports';
import { actorOf } from '../auth/authenticate.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

/** 申诉: a unit head asks that an issue be left out of the unit's scores; supervision decides. */
export const appealRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['reports'],
        summary: "A unit head's appeal (申诉): leave this issue out of the unit's scores (unreasonable, duplicate or malicious)",
        body: z.strictObject({ issueId: Id, reason: z.enum(APPEAL_REASONS), text: Text(2000) }),
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await fileAppeal(deps, { ...request.body, actor: actorOf(request) })),
  );

  app.post(
    '/api/v1/appeals/:id/decision',
    {
      schema: {
        tags: ['reports'],
        summary: "Supervision's decision on an appeal, with its reason; accepted takes the issue out of the unit's rates",
        params: z.object({ id: Id }),
        body: z.strictObject({ accept: z.boolean(), note: Text(2000) }),
      },
    },
    async (request) => decideAppeal(deps, { appealId: request.params.id, ...request.body, actor: actorOf(request) }),
  );

  app.get(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['reports'],
        summary: 'Appeals you may see (supervision all, a unit its own, a leader those on issues they lead), newest first',
        querystring: z.object({
          status: z.enum(['pending', 'accepted', 'rejected']).optional(),
          unitId: Id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
    },
    async (request) => listAppeals(deps.db, actorOf(request), request.query),
  );
};
