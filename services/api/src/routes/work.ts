import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, IssueListFilter, IssueListingItem, IssueSummary, LeaderEnterprise, Task, pageOf } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { inboxPage, listLeaderEnterprises, listOverdue, listingQueue, type EngineDeps } from '@huiyin/engine';
import { officialWith } from '../auth/authenticate.ts';

/** A keyset page of a work list: `cursor` is the previous page's `nextCursor`, opaque. */
export const WorkPage = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2000).optional(),
});

/** A work list of issues, narrowed by the issue list's filters. */
const FilteredWorkPage = WorkPage.extend(IssueListFilter.shape);

export const workRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags: ['work'],
        operationId: 'getInbox',
        summary: "An official's tasks: listing, claim, handle, assist, review, sign off, extensions, return rulings, escalations, 督办单, 首问; soonest due first, keyset pages",
        description:
          "Any official (an enterprise gets `403 auth.forbidden`), by role: a unit's handlers and heads its claims, issues in hand and unanswered assists, its heads also the answers to review and the unanswered 督办单 of its issues and key projects; a leader sign-offs, return rulings from the second return on, pending extensions and escalated issues; a dispatcher the issues to list and first returns to rule on; every official but a dispatcher also the issues they recorded (首问) until dispatch. Tasks without a due time come last.",
        querystring: WorkPage,
        response: { 200: pageOf(Task) },
      },
    },
    async (request) => inboxPage(deps.db, officialWith(request), request.query),
  );

  app.get(
    '/api/v1/listing-queue',
    {
      schema: {
        tags: ['work'],
        operationId: 'getListingQueue',
        summary: 'Issues to list, with the four elements prefilled from the assignment (dispatcher, supervision, admin); green channel first, then the oldest; keyset pages',
        description:
          "Dispatchers, supervisors and admins; anyone else gets `403 auth.forbidden`. Every issue not yet dispatched (`submitted` or `listed`), with the leader and lead unit to default to (for a problem handed over from a key project the project's, else the enterprise's assignment), the category's time limit and the limit from which a milestone plan is required. Takes the filters of `listIssues` (`leaderId` and `unitId` match the defaults).",
        querystring: FilteredWorkPage,
        response: { 200: pageOf(IssueListingItem) },
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
      schema: {
        tags: ['work'],
        operationId: 'listOverdueIssues',
        summary: 'Open issues past their most pressing due time (listing before dispatch, then claim or handling), most overdue first; keyset pages',
        description:
          'Any official (an enterprise gets `403 auth.forbidden`), over the issues they may see as `listIssues` scopes them: supervision, dispatchers and admins see every overdue issue. An issue waiting on the enterprise (its handling clock paused) or resolved and awaiting its rating is not overdue. Takes the filters of `listIssues`.',
        querystring: FilteredWorkPage,
        response: { 200: pageOf(IssueSummary) },
      },
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
        operationId: 'listLeaderEnterprises',
        summary: "A leader's enterprises (分包) with open, overdue and escalated issue counts; `me` for the signed-in leader; key enterprises first, keyset pages",
        description:
          "Supervisors, dispatchers and admins read any leader's; a leader their own (another's is `403 auth.forbidden`); a handler or unit head only the enterprises the leader shares with their unit. The counts take every issue of the enterprise not yet ended: overdue as in `listOverdueIssues`, escalated when on the leader or supervision track. `me` from an account that is no leader is `400 validation.invalid` naming `id`.",
        params: z.object({ id: z.union([z.literal('me'), Id]) }),
        querystring: WorkPage,
        response: { 200: pageOf(LeaderEnterprise) },
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
