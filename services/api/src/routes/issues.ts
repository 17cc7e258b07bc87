import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileIssueInput, Id, Page } from '@huiyin/contract';
import { createFilingDesk, executeIssueCommand, getIssue, issueTimeline, listIssues, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';
import { forRequest } from '../request-deps.ts';
import { ISSUE_ACTIONS } from './issue-actions.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

const IdParams = z.object({ id: Id });
const ListQuery = Page.extend({
  stage: z.enum(['submitted', 'listed', 'awaitingClaim', 'returned', 'inProgress', 'answerReview', 'answerSignOff', 'resolved', 'reopened', 'closed', 'withdrawn', 'duplicate']).optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  enterpriseId: Id.optional(),
  leaderId: Id.optional(),
  unitId: Id.optional(),
});

export const issueRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  // Concurrent filings share a transaction (group commit); a lone one goes at once.
  const desk = createFilingDesk(deps);
  app.post(
    '/api/v1/issues',
    {
      schema: {
        tags: ['issues'],
        summary: 'File an issue (enterprise), or record one on its behalf (official: first responder)',
        description: 'Answers at once with the number, the expected due time and the status note. Send an Idempotency-Key to make retries safe.',
        body: FileIssueInput,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const ack = await desk.file({ actor: actorOf(request), input: request.body, idempotencyKey: request.headers['idempotency-key'] });
      const { issue } = ack;
      if (ack.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(ack.replayed ? 200 : 201)
        .header('location', `/api/v1/issues/${issue.id}`)
        .send({
          id: issue.id,
          number: issue.number,
          state: issue.state,
          statusNote: issue.status_note,
          expectedDueAt: ack.expectedDueAt,
          filedAt: issue.filed_at,
          version: issue.version,
        });
    },
  );

  app.get(
    '/api/v1/issues',
    {
      schema: { tags: ['issues'], summary: 'The issues you may see, newest first (keyset pages)', querystring: ListQuery },
    },
    async (request) => listIssues(deps.db, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/issues/:id',
    {
      schema: { tags: ['issues'], summary: 'One issue: the four elements, plan, replies, ratings', params: IdParams },
    },
    async (request) => {
      const issue = await getIssue(deps.db, actorOf(request), request.params.id);
      // Its due times counted through a year with no declared holidays are provisional.
      const dues = [issue.listingDueAt, issue.claimDueAt, issue.handlingDueAt, issue.ratingDueAt, issue.expectedDueAt].filter((d): d is Date => d !== null);
      const latest = dues.reduce((a, b) => (b > a ? b : a), issue.filedAt);
      const undeclaredYears = deps.calendar.undeclaredYears(issue.filedAt, latest);
      return { ...issue, provisional: undeclaredYears.length > 0, undeclaredYears };
    },
  );

  app.get(
    '/api/v1/issues/:id/timeline',
    {
      schema: { tags: ['issues'], summary: 'The ledger of the issue (an enterprise sees the events meant for it)', params: IdParams },
    },
    async (request) => issueTimeline(deps.db, actorOf(request), request.params.id),
  );

  for (const entry of ISSUE_ACTIONS) {
    app.post(
      `/api/v1/issues/:id/${entry.path}`,
      {
        schema: { tags: ['issue actions'], summary: entry.summary, params: IdParams, body: entry.input },
      },
      async (request) => {
        const result = await executeIssueCommand(forRequest(deps, request), {
          issueId: request.params.id,
          actor: actorOf(request),
          command: entry.command,
          input: request.body as { expectedVersion?: number },
        });
        const i = result.issue;
        return {
          id: i.id,
          number: i.number,
          state: i.state,
          statusNote: i.status_note,
          version: i.version,
          event: result.eventType,
          claimDueAt: i.claim_due_at,
          handlingDueAt: i.handling_due_at,
          ratingDueAt: i.rating_due_at,
        };
      },
    );
  }
};
