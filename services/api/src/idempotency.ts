import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { DomainError } from '@huiyin/domain';
import type { Db } from '@huiyin/store';

/** The header every create takes (docs/api.md#retries); documented on each route that honours it. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .describe('Any 8 to 200 printable ASCII characters, one per create: a retry with the same key and body gets the first answer again'),
});

/** How long a claimed key whose request never answered (its process died) holds off a retry. */
const ABANDONED_MS = 60_000;

/** What is kept of the first answer: its body and where the created thing lives. */
type Kept = { body: unknown; location: string | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A create that honours Idempotency-Key through `idempotent_requests` (filing has its own, transactional). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: { accountId: string; key: string } | null;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Idempotency-Key on the creates marked `idempotent`: before the handler runs, the account's key
 * is claimed in PostgreSQL (or found). A key already answered replays that answer (same status,
 * body and Location, with `idempotent-replayed: true`); a key used with another body is a 409; a
 * key whose first request still runs is a 409 to retry after a second. Only a success is kept: a
 * refusal frees the key, since it created nothing. Should the process die between the create
 * and keeping its answer, the key is free again after a minute.
 */
export const idempotency = fp<{ db: Db }>(async (app, { db }) => {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const accountId = request.session?.accountId;
    if (request.routeOptions.config.idempotent !== true || typeof key !== 'string' || !accountId) return;
    const route = `${request.method} ${request.routeOptions.url}`;
    const hash = sha256(JSON.stringify({ route, params: request.params, body: request.body ?? null }));
    const mine = db.selectFrom('idempotent_requests').selectAll().where('account_id', '=', accountId).where('key', '=', key);
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed = await db
        .insertInto('idempotent_requests')
        .values({ account_id: accountId, key, route, request_hash: hash })
        .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (claimed) {
        request.idempotencyClaim = { accountId, key };
        return;
      }
      const row = await mine.executeTakeFirst();
      if (!row) continue; // freed by a refusal in between: claim it again
      if (row.request_hash !== hash) throw new DomainError('idempotency.key_reused', 'this Idempotency-Key was used with another request', { field: 'Idempotency-Key' });
      if (row.status !== null) {
        const kept = row.response as Kept | null;
        if (kept?.location) reply.header('location', kept.location);
        reply.header('idempotent-replayed', 'true');
        return reply.status(row.status).send(kept?.body ?? null);
      }
      if (Date.now() - row.created_at.getTime() < ABANDONED_MS) {
        reply.header('retry-after', '1');
        throw new DomainError('idempotency.in_progress', 'the first request with this Idempotency-Key is still running: retry in a moment', { field: 'Idempotency-Key' });
      }
      // Its first request never answered: take the key over, once.
      const taken = await db
        .updateTable('idempotent_requests')
        .set({ created_at: new Date(), request_hash: hash })
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .where('status', 'is', null)
        .where('created_at', '=', row.created_at)
        .returning('key')
        .executeTakeFirst();
      if (taken) {
        request.idempotencyClaim = { accountId, key };
        return;
      }
    }
    throw new DomainError('idempotency.in_progress', 'this Idempotency-Key is contended: retry in a moment', { field: 'Idempotency-Key' });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const row = db.updateTable('idempotent_requests').where('account_id', '=', claim.accountId).where('key', '=', claim.key);
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        const location = reply.getHeader('location');
        const kept: Kept = { body: typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null, location: typeof location === 'string' ? location : null };
        await row.set({ status: reply.statusCode, response: JSON.stringify(kept) }).execute();
      } else {
        await db.deleteFrom('idempotent_requests').where('account_id', '=', claim.accountId).where('key', '=', claim.key).where('status', 'is', null).execute();
      }
    } catch (err) {
      // The answer still goes out; the key frees itself after a minute (ABANDONED_MS).
      request.log.warn({ err }, 'could not keep the answer of an Idempotency-Key');
    }
    return payload;
  });
});
