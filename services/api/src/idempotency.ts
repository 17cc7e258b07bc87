import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { DomainError } from '@huiyin/domain';
import { claimKey, freeKey, keepAnswer, knownKey, takeOverKey, type Db, type HeldKey } from '@huiyin/store';

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

/** What is kept of the first answer: its body and where the created thing lives. */
type Kept = { body: unknown; location: string | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A create that honours Idempotency-Key through `idempotent_requests` (filing has its own, transactional). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: HeldKey | null;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The request as compared between retries; a password is left out, so that no fast hash of one is kept. */
function requestHash(route: string, params: unknown, body: unknown): string {
  const kept = body && typeof body === 'object' && 'password' in body ? { ...body, password: null } : body;
  return sha256(JSON.stringify({ route, params, body: kept ?? null }));
}

/**
 * Claims the request's Idempotency-Key for this request, or answers in its place: the kept answer
 * of the same request again, a 409 for the key used with another request, or a 409 to retry while
 * the first still runs. True when the handler should go on (claimed, or no key sent).
 */
async function claimOrAnswer(db: Db, request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<boolean> {
  const key = request.headers['idempotency-key'];
  const accountId = request.session?.accountId;
  if (typeof key !== 'string' || !accountId) return true;
  const route = `${request.method} ${request.routeOptions.url}`;
  const hash = requestHash(route, request.params, body);
  const held: HeldKey = { accountId, key, claim: randomUUID() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await claimKey(db, held, route, hash)) {
      request.idempotencyClaim = held;
      return true;
    }
    const row = await knownKey(db, accountId, key);
    if (!row) continue; // freed by a refusal in between: claim it again
    if (row.request_hash !== hash) throw new DomainError('idempotency.key_reused', 'this Idempotency-Key was used with another request', { field: 'Idempotency-Key' });
    if (row.status !== null) {
      const kept = row.response as Kept | null;
      if (kept?.location) reply.header('location', kept.location);
      reply.header('idempotent-replayed', 'true');
      // Sent as the JSON text it was: through the answer schema again, its times (now text) would be a 500.
      reply
        .status(row.status)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(kept?.body ?? null));
      return false;
    }
    // Its first request still runs: retry. Or it never answered: take the key over, once.
    if (!row.abandoned) break;
    if (await takeOverKey(db, held)) {
      request.idempotencyClaim = held;
      return true;
    }
  }
  reply.header('retry-after', '1');
  throw new DomainError('idempotency.in_progress', 'the first request with this Idempotency-Key is still running: retry in a moment', { field: 'Idempotency-Key' });
}

/**
 * For an upload, whose body is known only once it is read: claims the key for the file (its name,
 * size and SHA-256), or answers in its place. False when it answered: the handler drops the file.
 */
export function claimUpload(db: Db, request: FastifyRequest, reply: FastifyReply, file: { filename: string; size: number; sha256: string }): Promise<boolean> {
  return claimOrAnswer(db, request, reply, file);
}

/**
 * Idempotency-Key on the creates marked `idempotent`: before the handler runs, the account's key
 * is claimed in PostgreSQL (or found). A key already answered replays that answer (same status,
 * body and Location, with `idempotent-replayed: true`); a key used with another body is a 409; a
 * key whose first request still runs is a 409 to retry after a second. Only a success is kept,
 * and a refusal (4xx) frees the key, since it created nothing. A failure (5xx) may have created
 * and leaves the claim; like the claim of a process that died, it is taken over after a minute.
 * Each claim carries its own id, so a request whose claim was taken over answers nothing.
 */
export const idempotency = fp<{ db: Db }>(async (app, { db }) => {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.idempotent !== true) return;
    if (!(await claimOrAnswer(db, request, reply, request.body))) return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotencyClaim;
    if (!held) return payload;
    request.idempotencyClaim = null;
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        const location = reply.getHeader('location');
        const kept: Kept = { body: typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null, location: typeof location === 'string' ? location : null };
        await keepAnswer(db, held, reply.statusCode, kept);
      } else if (reply.statusCode < 500) {
        await freeKey(db, held);
      }
    } catch (err) {
      // The answer still goes out; the key frees itself after a minute (ABANDONED_SECONDS in @huiyin/store).
      request.log.warn({ err }, 'could not keep the answer of an Idempotency-Key');
    }
    return payload;
  });
});
