import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateOfficialInput, Id, Official, OfficialsQuery, UpdateOfficialInput, pageOf } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { createOfficial, getOfficial, listOfficials, updateOfficial } from '@huiyin/engine';
import type { Db } from '@huiyin/store';
import { officialWith } from '../auth/authenticate.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import type { SessionAccount } from '../auth/sessions.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

type Options = { db: Db; clock: () => Date; sessionCache: SessionCache<SessionAccount> };

/** The officials of the district: a list any official reads (to pick a team), kept by admins. */
export const officialRoutes: FastifyPluginAsyncZod<Options> = async (app, { db, clock, sessionCache }) => {
  app.get(
    '/api/v1/officials',
    {
      schema: {
        tags: ['officials'],
        operationId: 'listOfficials',
        summary: 'Officials of the district, by name',
        description:
          "Any official (an enterprise account gets `403 auth.forbidden`), so that the console can offer names where an official is chosen (a key project's team). `q` keeps those whose name or login contains it; `unitId`, `role` and `active` filter. E-mail and phone are null except for admins. Paged by `cursor`.",
        querystring: OfficialsQuery,
        response: { 200: pageOf(Official) },
      },
    },
    async (request) => {
      const actor = officialWith(request);
      const { q, unitId, role, active, limit, cursor } = request.query;
      const offset = Number(cursor ?? 0);
      if (!Number.isSafeInteger(offset) || offset < 0) throw new DomainError('validation.invalid', 'not a cursor this API gave out', { field: 'cursor' });
      const page = await listOfficials(db, { q, unitId, role, active: active === undefined ? undefined : active === 'true', offset, limit }, actor.roles.includes('admin'));
      return { items: page.items, nextCursor: page.nextOffset === null ? null : String(page.nextOffset) };
    },
  );

  app.post(
    '/api/v1/officials',
    {
      schema: {
        tags: ['officials'],
        operationId: 'createOfficial',
        summary: 'Create an official with their sign-in (admin)',
        description:
          'Admin only. The password is a one-time one, changed at the first sign-in. Handlers and unit heads need `unitId` and a leader-role official `leaderId` (`400 validation.required` naming it; an unknown one `400 validation.invalid`); a login any account has is `409 account.login_taken`; a password that is easy to guess or contains the login is `422 account.password_weak`. `Location` names the official.',
        body: CreateOfficialInput,
        headers: IdempotencyHeaders,
        response: { 201: Official },
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      officialWith(request, 'admin');
      const official = await createOfficial(db, request.body);
      return reply.status(201).header('location', `/api/v1/officials/${official.id}`).send(official);
    },
  );

  app.get(
    '/api/v1/officials/:id',
    {
      schema: {
        tags: ['officials'],
        operationId: 'getOfficial',
        summary: 'One official (admin)',
        description: 'Admin only; an unknown id is `404 official.not_found`.',
        params: z.object({ id: Id }),
        response: { 200: Official },
      },
    },
    async (request) => {
      officialWith(request, 'admin');
      return getOfficial(db, request.params.id);
    },
  );

  app.patch(
    '/api/v1/officials/:id',
    {
      schema: {
        tags: ['officials'],
        operationId: 'updateOfficial',
        summary: "Change an official's details, roles or unit, or deactivate them (admin)",
        description:
          "Admin only. Fields left out stay. A change of roles, unit or leader holds from the official's next request on every API process. `active: false` deactivates: they cannot sign in (`401 auth.bad_credentials`, as a wrong password) and every session of theirs ends at once; `active: true` lets them sign in again. Their password is reset with `POST /api/v1/accounts/{accountId}/password`. Placement rules and refusals as for creating; an unknown id is `404 official.not_found`.",
        params: z.object({ id: Id }),
        body: UpdateOfficialInput,
        response: { 200: Official },
      },
    },
    async (request) => {
      officialWith(request, 'admin');
      const { official, endedSessions } = await updateOfficial(db, request.params.id, request.body, clock());
      for (const hash of endedSessions) sessionCache.drop(hash);
      return official;
    },
  );
};
