import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inbox, listOverdue, listingQueue, type StoreDeps } from '@huiyin/store';
import { officialWith } from '../auth/authenticate.ts';

const Limit = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const workRoutes: FastifyPluginAsyncZod<{ deps: StoreDeps }> = async (app, { deps }) => {
  app.get('/api/v1/inbox', {
    schema: { tags: ['work'], summary: "An official's tasks: claim, handle, assist, review, sign off, extensions, listing", querystring: Limit },
  }, async (request) => ({ items: await inbox(deps.db, officialWith(request), request.query.limit) }));

  app.get('/api/v1/listing-queue', {
    schema: { tags: ['work'], summary: 'Issues to list, with the four elements prefilled from the assignment (dispatcher)', querystring: Limit },
  }, async (request) => {
    officialWith(request, 'dispatcher', 'supervisor', 'admin');
    return { items: await listingQueue(deps.db, request.query.limit) };
  });

  app.get('/api/v1/supervision/overdue', {
    schema: { tags: ['work'], summary: 'Open issues past their claim or handling due time, most overdue first', querystring: Limit },
  }, async (request) => {
    const actor = officialWith(request);
    return { items: await listOverdue(deps.db, actor, deps.now(), request.query.limit) };
  });
};
