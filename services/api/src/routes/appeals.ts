import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Appeal, AppealList, Id, Text } from '@huiyin/contract';
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
        operationId: 'fileAppeal',
        summary: "A unit head's appeal (申诉): leave this issue out of the unit's scores (unreasonable, duplicate or malicious)",
        description:
          "Unit heads only, for their own unit (`403 auth.forbidden` otherwise); the issue must be one they may see that their unit leads, returned, or has a claim, answer or other timed step recorded on (`404 issue.not_found`, else `403 issue.forbidden`, both naming `issueId`). One pending or accepted appeal per issue and unit (`409 appeal.exists` with its `appealId` and `appealStatus`; a rejected one may be filed again). Recorded as an `appeal` event on the issue's ledger (raising its version), and supervisors are notified.",
        body: z.strictObject({ issueId: Id, reason: z.enum(APPEAL_REASONS), text: Text(2000) }),
        headers: IdempotencyHeaders,
        response: { 201: Appeal },
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
        operationId: 'decideAppeal',
        summary: "Supervision's decision on an appeal, with its reason; accepted takes the issue out of the unit's rates",
        description:
          "Supervisors only (`403 auth.forbidden` otherwise, admins included); `404 appeal.not_found`, `409 appeal.already_decided` (with `appealStatus`, `decidedAt`) when it is no longer pending. An acceptance counts in bulletins generated from then on and in scorecards, for the appealing unit only (its leader is still scored on the issue); stored bulletins stay as they were. Recorded as an `appealDecision` event on the issue's ledger, and the unit's heads are notified.",
        params: z.object({ id: Id }),
        body: z.strictObject({ accept: z.boolean(), note: Text(2000) }),
        response: { 200: Appeal },
      },
    },
    async (request) => decideAppeal(deps, { appealId: request.params.id, ...request.body, actor: actorOf(request) }),
  );

  app.get(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['reports'],
        operationId: 'listAppeals',
        summary: 'Appeals you may see (supervision, dispatchers and admins all, a unit its own, a leader those on issues they lead), newest first',
        description:
          "Supervisors, dispatchers and admins see every appeal; a unit's handlers and head its own; a leader those on issues they lead; an enterprise gets `403 auth.forbidden`. Filter by `status` and `unitId` (within what the caller may see); newest filing first, by offset pages with the `total`.",
        querystring: z.object({
          status: z.enum(['pending', 'accepted', 'rejected']).optional(),
          unitId: Id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: AppealList },
      },
    },
    async (request) => listAppeals(deps.db, actorOf(request), request.query),
  );
};
