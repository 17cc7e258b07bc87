import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiKeyList, Id, IssueApiKeyInput, IssuedApiKey, NoContent } from '@huiyin/contract';
import { issueApiKey, listApiKeys, revokeApiKey, type EngineDeps } from '@huiyin/engine';
import { actorOf } from '../auth/authenticate.ts';

const EnterpriseParams = z.object({ id: Id });
const WHO = 'The enterprise itself or an admin; anyone else gets a 404, as for an enterprise it may not see.';

/** API keys for an enterprise's own systems, which file through Open311 (docs/api.md#open311). */
export const apiKeyRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.post(
    '/api/v1/enterprises/:id/api-keys',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'issueApiKey',
        summary: 'Issue an API key for one of the enterprise’s systems (Open311 `api_key`)',
        description: `The key is in this answer only; the engine keeps its hash. It acts as one of the enterprise's accounts (the enterprise's own, or the one an admin names, or its first). ${WHO}`,
        params: EnterpriseParams,
        body: IssueApiKeyInput,
        response: { 201: IssuedApiKey },
      },
      // No Idempotency-Key: a kept answer would keep the key in clear. A retried issue is a
      // second key, listed beside the first, which can be revoked.
    },
    async (request, reply) => reply.status(201).send(await issueApiKey(deps.db, actorOf(request), { enterpriseId: request.params.id, ...request.body })),
  );

  app.get(
    '/api/v1/enterprises/:id/api-keys',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'listApiKeys',
        summary: 'The enterprise’s API keys, newest first, revoked ones included (never the keys)',
        description: WHO,
        params: EnterpriseParams,
        response: { 200: ApiKeyList },
      },
    },
    async (request) => listApiKeys(deps.db, actorOf(request), request.params.id),
  );

  app.delete(
    '/api/v1/enterprises/:id/api-keys/:keyId',
    {
      schema: {
        tags: ['enterprises'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key at once (it stays on record)',
        description: `Revoking a revoked key changes nothing. ${WHO}`,
        params: EnterpriseParams.extend({ keyId: Id }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await revokeApiKey(deps.db, actorOf(request), { enterpriseId: request.params.id, keyId: request.params.keyId, now: deps.clock() });
      return reply.status(204).send();
    },
  );
};
