import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '@huiyin/store';
import { categoryPolicy } from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';

export const referenceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/api/v1/categories', { schema: { tags: ['reference'], summary: 'Categories and their time-limit policy' } }, async (request) => {
    actorOf(request);
    const rows = await db.selectFrom('categories').selectAll().orderBy('code').execute();
    return {
      items: rows.map(categoryPolicy),
    };
  });
  app.get('/api/v1/units', { schema: { tags: ['reference'], summary: 'District units (区直单位)' } }, async (request) => {
    officialWith(request);
    return { items: await db.selectFrom('units').select(['id', 'name', 'short_name as shortName']).orderBy('name').execute() };
  });
  app.get('/api/v1/leaders', { schema: { tags: ['reference'], summary: 'District leaders (区级领导)' } }, async (request) => {
    officialWith(request);
    return { items: await db.selectFrom('leaders').select(['id', 'name', 'title']).orderBy('name').execute() };
  });
};
