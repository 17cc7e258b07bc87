import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { inboxPage, listLeaderEnterprises, listOverdue, listingQueue, type EngineDeps } from '@huiyin/engine';
import { officialWith } from '../auth/authenticate.ts';

/** A keyset page of a work list: `cursor` is the previous page's `nextCursor`, opaque. */
export const WorkPage = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2000).optional(),
});

export const workRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/inbox',
    {
      schema: { tags: ['work'], summary: "An official's tasks: claim, handle, assist, review, sign off, extensions, listing; soonest due first, keyset pages", querystring: WorkPage },
    },
    async (request) => inboxPage(deps.db, officialWith(request), request.query),
  );

  app.get(
    '/api/v1/listing-queue',
    {
      schema: {
        tags: ['work'],
        summary: 'Issues to list, with the four elements prefilled from the assignment (dispatcher); green channel first, then the oldest; keyset pages',
        querystring: WorkPage,
      },
    },
    async (request) => {
      officialWith(request, 'dispatcher', 'supervisor', 'admin');
      return listingQueue(deps.db, request.query);
    },
  );

  app.get(
    '/api/v1/supervision/overdue',
    {
      schema: { tags: ['work'], summary: 'Open issues past their most pressing due time (listing before dispatch, then claim or handling), most overdue first; keyset pages', querystring: WorkPage },
    },
    async (request) => {
      const actor = officialWith(request);
      return listOverdue(deps.db, actor, deps.clock(), request.query);
    },
  );

  app.get(
    '/api/v1/leaders/:id/enterprises',
    {
      schema: {
        tags: ['work'],
        summary: "A leader's enterprises (分包) with open, overdue and escalated issue counts; `me` for the signed-in leader; key enterprises first, keyset pages",
        params: z.object({ id: z.union([z.literal('me'), Id]) }),
        querystring: WorkPage,
      },
    },
    async (request) => {
      const actor = officialWith(request);
      const leaderId = request.params.id === 'me' ? actor.leaderId : request.params.id;
      if (!leaderId) throw new DomainError('validation.invalid', 'this account is no leader: name one', { field: 'id' });
      return listLeaderEnterprises(deps.db, actor, { leaderId, now: deps.clock(), ...request.query });
    },
  );
};
