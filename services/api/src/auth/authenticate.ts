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
    /** A route an account whose password an admin set may call before changing it (who am I, change it). */
    beforePasswordChange?: boolean;
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
      const from = origin ? originOf(origin) : undefined;
      if (from !== undefined && (from === null || from !== originOf(`${request.protocol}://${request.host}`))) {
        throw new DomainError('auth.cross_origin', 'a cookie session may only be used from this site');
      }
    }
    request.sessionToken = token;
    request.session = await resolveSession(token);
    if (!request.session && needsSession(request)) throw new DomainError('auth.unauthenticated', 'the session has ended or the token is unknown: sign in again');
    if (request.session?.mustChangePassword && needsSession(request) && request.routeOptions.config.beforePasswordChange !== true) {
      throw new DomainError('auth.password_change_required', 'the password was set by an admin: change it first (POST /api/v1/auth/password)');
    }
  });
  // What a signed-in account was answered is its own: no browser or proxy cache keeps it (a
  // shared computer's back button, a caching proxy). Sign-in answers carry a token.
  app.addHook('onSend', async (request, reply) => {
    if (request.session || request.url.startsWith('/api/v1/auth/')) reply.header('cache-control', 'no-store');
  });
});

/**
 * Scheme, host and port of an origin, default ports left out (`http://a:80` is `http://a`); an
 * opaque or malformed one (`null`, from sandboxed frames) is no origin: cross-origin. The same
 * host over another scheme or port is another site (another service on the same machine).
 */
function originOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}
