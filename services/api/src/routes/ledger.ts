import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LedgerCheckpoint, LedgerPublicKey, Page, pageOf } from '@huiyin/contract';
import { listCheckpoints, publishedKey, type EngineDeps, type LedgerSigner } from '@huiyin/engine';

/** The ledger's signed checkpoints and the key that verifies them (docs/api.md#ledger-checkpoints). */
export const ledgerRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps; keys: LedgerSigner }> = async (app, { deps, keys }) => {
  const key = publishedKey(keys);
  app.get(
    '/api/v1/ledger/checkpoints',
    {
      schema: {
        tags: ['issues'],
        operationId: 'listLedgerCheckpoints',
        summary: 'Signed checkpoints of the issue and project ledgers, newest first (keyset pages)',
        description:
          'Any signed-in account; changes nothing. Each checkpoint is the engine’s Ed25519 signature over the heads of every issue and project hash chain up to the event ids it names: the worker makes one daily and each bulletin one (frozen in its snapshot). Check them, with `huiyin ledger export`, by packages/ledger-verify. A cursor this API did not give is `400 validation.invalid`.',
        querystring: Page,
        response: { 200: pageOf(LedgerCheckpoint) },
      },
    },
    async (request) => listCheckpoints(deps.db, request.query),
  );

  app.get(
    '/api/v1/ledger/public-key',
    {
      schema: {
        tags: ['issues'],
        operationId: 'getLedgerPublicKey',
        summary: 'The public key that verifies ledger checkpoints',
        description: 'Any signed-in account; changes nothing. The Ed25519 key in configuration (LEDGER_SIGNING_KEY), as PEM and raw base64, with the id checkpoints name it by.',
        response: { 200: LedgerPublicKey },
      },
    },
    async () => key,
  );
};
