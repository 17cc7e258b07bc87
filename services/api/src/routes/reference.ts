import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '@huiyin/store';
import { CategoryList, Leader, Unit, listOf } from '@huiyin/contract';
import { categoryPolicy } from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';

export const referenceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['reference'],
        operationId: 'listCategories',
        summary: 'Categories and their time-limit policy',
        description:
          'Any signed-in account; every category, ordered by code, not paged. Officials get the whole policy (listing, supplement and rating limits, track policy, extension and pause bounds); an enterprise account only what it files against: code, name, green channel, claim and handling limits.',
        response: { 200: CategoryList },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await db.selectFrom('categories').selectAll().orderBy('code').execute();
      // Officials see the whole policy; an enterprise what it files against: names and limits.
      const shown = (c: ReturnType<typeof categoryPolicy>) =>
        actor.kind === 'official' ? c : { id: c.id, code: c.code, name: c.name, greenChannel: c.greenChannel, claimLimit: c.claimLimit, handlingLimit: c.handlingLimit };
      return { items: rows.map((r) => shown(categoryPolicy(r))) };
    },
  );
  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['reference'],
        operationId: 'listUnits',
        summary: 'District units (区直单位)',
        description: 'Any official (an enterprise account gets `403 auth.forbidden`); every unit, ordered by name, not paged.',
        response: { 200: listOf(Unit) },
      },
    },
    async (request) => {
      officialWith(request);
      return { items: await db.selectFrom('units').select(['id', 'name', 'short_name as shortName']).orderBy('name').execute() };
    },
  );
  app.get(
    '/api/v1/leaders',
    {
      schema: {
        tags: ['reference'],
        operationId: 'listLeaders',
        summary: 'District leaders (区级领导)',
        description: 'Any official (an enterprise account gets `403 auth.forbidden`); every leader, ordered by name, not paged.',
        response: { 200: listOf(Leader) },
      },
    },
    async (request) => {
      officialWith(request);
      return { items: await db.selectFrom('leaders').select(['id', 'name', 'title']).orderBy('name').execute() };
    },
  );
};
