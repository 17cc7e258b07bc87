import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { DomainError, type Actor, type OfficialActor, type Role } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import type { SessionCache } from './session-cache.ts';
import { createSessionResolver, type SessionAccount } from './sessions.ts';

export const SESSION_COOKIE = 'huiyin_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionAccount | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** An API route anyone may call without a session (signing in and out). */
    public?: boolean;
  }
}

/** Whether a request needs a session: every API route but those marked public. */
function needsSession(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/api/v1/') === true && request.routeOptions.config.public !== true;
}

/** The actor of an authenticated request; 401 otherwise. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new DomainError('auth.unauthenticated', 'sign in, or send a bearer token');
  return request.session.actor;
}

/** An official holding one of the roles; 403 otherwise. */
export function officialWith(request: FastifyRequest, ...roles: Role[]): OfficialActor {
  const actor = actorOf(request);
  if (actor.kind !== 'official' || (roles.length > 0 && !roles.some((r) => actor.roles.includes(r)))) {
    throw new DomainError('auth.forbidden', roles.length ? `for ${roles.join(' or ')} only` : 'for officials only');
  }
  return actor;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session from a bearer token or the session cookie. A cookie-borne request that
 * changes something must come from this origin (CSRF): browsers send Origin on such requests.
 */
export const authenticate = fp<{ db: Db; clock: () => Date; cache: SessionCache<SessionAccount> }>(async (app, { db, clock, cache }) => {
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);
  const resolveSession = createSessionResolver(db, clock, cache);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const cookie = request.cookies[SESSION_COOKIE] ?? null;
    const token = bearer ?? cookie;
    if (!token) {
      // Refused before its body is read or validated: an anonymous caller learns nothing of the input rules.
      if (needsSession(request)) throw new DomainError('auth.unauthenticated', 'sign in, or send a bearer token');
      return;
    }
    if (!bearer && !SAFE.has(request.method)) {
      const origin = request.headers.origin;
      if (origin && originHost(origin) !== request.headers.host) {
        throw new DomainError('auth.cross_origin', 'a cookie session may only be used from this site');
      }
    }
    request.sessionToken = token;
    request.session = await resolveSession(token);
    if (!request.session && needsSession(request)) throw new DomainError('auth.unauthenticated', 'the session has ended or the token is unknown: sign in again');
  });
});

/** The host of an Origin header; an opaque or malformed one (`null`, from sandboxed frames) is no host: cross-origin. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
