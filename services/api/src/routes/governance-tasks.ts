import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GovernanceTask, GovernanceTaskInput } from '@huiyin/contract';
import { issueGovernanceTask, type EngineDeps } from '@huiyin/engine';
import { officialWith } from '../auth/authenticate.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

/** 主动治理: a recurring problem (同类问题) made one 督办单 for one unit (docs/domain.md#supervision-orders). */
export const governanceTaskRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/problem-clusters/governance-tasks',
    {
      schema: {
        tags: ['work'],
        operationId: 'issueGovernanceTask',
        summary: '立为治理任务: one governance task (a 督办单 of kind governance) for a unit, covering a cluster’s issues (supervisor, dispatcher)',
        description:
          "Supervisors and dispatchers (anyone else gets `403 auth.forbidden`). One transaction: the task goes to `unitId` with its reply due after the usual 督办单 limit (`supervisionOrderLimit`, 3 working days), a `governanceTask` event goes on each covered issue's ledger (not shown to the enterprises), and the unit's heads are notified as of a 督办单. It is listed among the 督办单 (`kind` `governance`), escalates unanswered past its due time as they do, and the unit head's reply (`POST /api/v1/supervision/orders/{id}/reply`) closes it. Refused: `404 issue.not_found` naming `issueIds` (an issue unknown or not the caller's to see), `422 reference.unknown` naming `unitId`, `409 issue.governance_task_open` naming `issueIds` (one of them already in an open governance task; `orderId` names it), `400 validation.failed` for a missing or empty field.",
        body: GovernanceTaskInput,
        headers: IdempotencyHeaders,
        response: { 201: GovernanceTask },
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      const actor = officialWith(request, 'supervisor', 'dispatcher');
      return reply.status(201).send(await issueGovernanceTask(deps, { ...request.body, actor }));
    },
  );
};
