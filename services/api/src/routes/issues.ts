import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileIssueInput, Id, IssueDetail, IssueFiled, IssueListFilter, IssueListSort, IssueStep, IssueSummary, IssueTimeline, Page, pageOf } from '@huiyin/contract';
import { createFilingDesk, executeIssueCommand, getIssue, issueTimeline, listIssues, type EngineDeps } from '@huiyin/engine';
import { DomainError } from '@huiyin/domain';
import { actorOf } from '../auth/authenticate.ts';
import { forRequest } from '../request-deps.ts';
import { ISSUE_ACTION_REFUSALS, ISSUE_ACTIONS } from './issue-actions.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

const IdParams = z.object({ id: Id });
const ListQuery = Page.extend({
  ...IssueListFilter.shape,
  ...IssueListSort.shape,
  actedBy: z.literal('me').optional().meta({ description: '`me` (officials): 已办, the issues in whose ledger you have acted' }),
});

export const issueRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  // Concurrent filings share a transaction (group commit); a lone one goes at once.
  const desk = createFilingDesk(deps);
  app.post(
    '/api/v1/issues',
    {
      schema: {
        tags: ['issues'],
        operationId: 'fileIssue',
        summary: 'File an issue (enterprise), or record one on its behalf (official: first responder)',
        description: 'Answers at once with the number, the expected due time and the status note. Send an Idempotency-Key to make retries safe.',
        body: FileIssueInput,
        headers: IdempotencyHeaders,
        // 200: the Idempotency-Key's first answer again.
        response: { 201: IssueFiled, 200: IssueFiled },
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
      schema: {
        tags: ['issues'],
        operationId: 'listIssues',
        summary: 'The issues you may see, filtered and sorted, newest first unless asked (keyset pages)',
        description:
          'An enterprise sees its own issues; a handler or unit head those its unit leads, assists on or has returned; a leader those they lead and those of their enterprises (分包); any official those they recorded (首问); dispatchers, supervisors and admins all. `stage`, `categoryId`, `enterpriseId`, `leaderId`, `unitId` (the lead unit) and `filedFrom`/`filedTo` (Shanghai days, both included; a `filedTo` before `filedFrom` is `400 validation.invalid`) narrow the list, and `open=true` keeps the issues not yet ended, `open=false` the ended ones. `sort` (filedAt, number, dueAt, stage) and `order` (asc, desc; default filedAt desc) order it on the server; a `cursor` continues the order it was given in. `actedBy=me` (officials; from an enterprise `400 validation.invalid`) keeps the issues in whose ledger you have acted: your 已办.',
        querystring: ListQuery,
        response: { 200: pageOf(IssueSummary) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { actedBy, ...query } = request.query;
      if (actedBy && actor.kind !== 'official') throw new DomainError('validation.invalid', 'actedBy=me is for officials', { field: 'actedBy' });
      return listIssues(deps.db, actor, { ...query, ...(actedBy && actor.kind === 'official' ? { actedBy: actor.officialId } : {}) });
    },
  );

  app.get(
    '/api/v1/issues/:id',
    {
      schema: {
        tags: ['issues'],
        operationId: 'getIssue',
        summary: 'One issue: the four elements, plan, replies, ratings',
        description:
          "Whoever may see the issue, as `listIssues` scopes it; anyone else gets `404 issue.not_found`. The enterprise sees only the replies sent to it, without the assisting units' answers or the extension bounds officials get. `provisional` and `undeclaredYears` say when its due times run through a year whose holidays are not declared yet.",
        params: IdParams,
        response: { 200: IssueDetail },
      },
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
      schema: {
        tags: ['issues'],
        operationId: 'getIssueTimeline',
        summary: 'The ledger of the issue (an enterprise sees the events meant for it)',
        description:
          'Whoever may see the issue, as `listIssues` scopes it; anyone else gets `404 issue.not_found`. Every event in order (`seq`), with the state after it, its payload and who acted; the enterprise gets of each event only the payload keys meant for it, and the actor by kind and roles only.',
        params: IdParams,
        response: { 200: IssueTimeline },
      },
    },
    async (request) => issueTimeline(deps.db, actorOf(request), request.params.id),
  );

  for (const entry of ISSUE_ACTIONS) {
    app.post(
      `/api/v1/issues/:id/${entry.path}`,
      {
        schema: {
          tags: ['issue actions'],
          operationId: entry.operationId,
          summary: entry.summary,
          description: `${entry.description} ${ISSUE_ACTION_REFUSALS}`,
          params: IdParams,
          body: entry.input,
          response: { 200: IssueStep },
        },
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
