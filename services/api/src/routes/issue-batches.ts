import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BatchIssueIds, BatchOrderInput, BatchResult } from '@huiyin/contract';
import { claimIssues, dispatchIssues, orderIssues, type BatchItemResult, type EngineDeps } from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';
import { IdempotencyHeaders } from '../idempotency.ts';
import { forRequest } from '../request-deps.ts';

const answer = (items: BatchItemResult[]) => ({ ok: items.filter((i) => i.outcome === 'ok').length, refused: items.filter((i) => i.outcome === 'refused').length, items });

const PER_ITEM =
  'Each issue is its own transaction through the same command as its single action, so a refused one leaves the others done and is itself untouched; the answer is 200 with each issue `ok` or `refused` with the code and reason its own request would have got. A repeated id is done once. Send an Idempotency-Key to make a retry replay the first answer.';

export const issueBatchRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/issues/batch/claim',
    {
      schema: {
        tags: ['issue actions'],
        operationId: 'claimIssues',
        summary: '批量签收: claim up to 100 issues for your unit (handler, unit head)',
        description: `Handlers and unit heads (anyone else gets \`403 auth.forbidden\`); each issue as \`claimIssue\` would take it. ${PER_ITEM}`,
        body: BatchIssueIds,
        headers: IdempotencyHeaders,
        response: { 200: BatchResult },
      },
      config: { idempotent: true },
    },
    async (request) => {
      officialWith(request, 'handler', 'unit_head');
      return answer(await claimIssues(forRequest(deps, request), { ids: request.body.ids, actor: actorOf(request) }));
    },
  );

  app.post(
    '/api/v1/issues/batch/dispatch',
    {
      schema: {
        tags: ['issue actions'],
        operationId: 'dispatchIssues',
        summary: '批量派单: list with the assignment defaults and dispatch up to 100 issues (dispatcher)',
        description: `Dispatchers (anyone else gets \`403 auth.forbidden\`). An issue still \`submitted\` is listed as \`setIssueElements\` lists it with no input (the assignment's leader and unit, the category's limit), then dispatched as \`dispatchIssue\`; one with no default, or needing a milestone plan, is refused (\`400 validation.required\`, \`422 issue.milestones_required\`) and left as it was. ${PER_ITEM}`,
        body: BatchIssueIds,
        headers: IdempotencyHeaders,
        response: { 200: BatchResult },
      },
      config: { idempotent: true },
    },
    async (request) => {
      officialWith(request, 'dispatcher');
      return answer(await dispatchIssues(forRequest(deps, request), { ids: request.body.ids, actor: actorOf(request) }));
    },
  );

  app.post(
    '/api/v1/issues/batch/supervision-orders',
    {
      schema: {
        tags: ['work'],
        operationId: 'issueSupervisionOrders',
        summary: 'Batch 督办: the same 督办单 by hand on up to 100 overdue or escalated issues (supervisor)',
        description: `Supervisors (anyone else gets \`403 auth.forbidden\`); each issue as \`issueSupervisionOrder\` would take it, its refusals per issue (\`issue.not_overdue\`, \`issue.supervision_order_open\`, \`issue.not_found\`). A due time not in the future is \`400 validation.invalid\` for the whole batch. ${PER_ITEM}`,
        body: BatchOrderInput,
        headers: IdempotencyHeaders,
        response: { 200: BatchResult },
      },
      config: { idempotent: true },
    },
    async (request) => {
      const actor = officialWith(request, 'supervisor');
      const b = request.body;
      const deadline = b.dueIn ? { dueIn: b.dueIn } : { dueAt: new Date(b.dueAt ?? '') };
      return answer(await orderIssues(forRequest(deps, request), { ids: b.ids, actor, requiredReply: b.requiredReply, deadline }));
    },
  );
};
