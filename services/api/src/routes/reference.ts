import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '@huiyin/store';
import { categoryPolicy } from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';

export const referenceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/api/v1/categories', { schema: { tags: ['reference'], summary: 'Categories and their time-limit policy' } }, async (request) => {
    const actor = actorOf(request);
    const rows = await db.selectFrom('categories').selectAll().orderBy('code').execute();
    // Officials see the whole policy; an enterprise what it files against: names and limits.
    const shown = (c: ReturnType<typeof categoryPolicy>) =>
      actor.kind === 'official' ? c : { id: c.id, code: c.code, name: c.name, greenChannel: c.greenChannel, claimLimit: c.claimLimit, handlingLimit: c.handlingLimit };
    return { items: rows.map((r) => shown(categoryPolicy(r))) };
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
