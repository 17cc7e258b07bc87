import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, PrintDocument } from '@huiyin/contract';
import type { EngineDeps } from '@huiyin/engine';
import { bulletinPrint, getBulletin, monthlyPack, monthlyPackPrint, openList, openListPrint, parseMonth, scopeBulletin, viewerOf, type BulletinSection } from '@huiyin/reports';
import { actorOf } from '../auth/authenticate.ts';
import { MonthQuery } from './report-queries.ts';

const HTML = 'text/html; charset=utf-8';
/** The answer of a print view: an HTML document. */
const htmlDocument = (description: string) => ({ 200: { description, content: { 'text/html': { schema: PrintDocument } } } });
/** The most issues one printed open list holds (as its XLSX); beyond, the sheet says how many it left out. */
const PRINT_MAX = 20_000;

export type PrintViewRoutesOptions = {
  deps: EngineDeps;
  /** Further sections of each bulletin and monthly pack (key projects: `projects`), as reportRoutes' JSON and XLSX carry. */
  bulletinSections?: Record<string, BulletinSection> | undefined;
};

/** Print views (打印): whole documents rendered here, so printing never depends on what a screen page had loaded. */
export const printViewRoutes: FastifyPluginAsyncZod<PrintViewRoutesOptions> = async (app, { deps, bulletinSections }) => {
  app.get(
    '/api/v1/reports/open-list/print',
    {
      schema: {
        tags: ['reports'],
        operationId: 'printOpenList',
        summary: '未办结事项清单 for printing: every open issue you may see, as one HTML document',
        description:
          'Scoped as `GET /api/v1/reports/open-list` (an enterprise gets `403 auth.forbidden`), without paging: every group headed by its counts, then all of its issues (at most 20,000; the closing line says how many were printed of how many there are). Each printed page repeats the table header and carries the title, the time it was read and 第 n 页，共 m 页.',
        querystring: z.object({ groupBy: z.enum(['leader', 'unit']).default('unit') }),
        response: htmlDocument('The open list as an HTML print document'),
      },
    },
    async (request, reply) => {
      const list = await openList(deps.db, actorOf(request), { groupBy: request.query.groupBy, limit: PRINT_MAX, offset: 0, now: deps.clock() });
      return reply.type(HTML).send(openListPrint(list));
    },
  );

  app.get(
    '/api/v1/bulletins/:id/print',
    {
      schema: {
        tags: ['reports'],
        operationId: 'printBulletin',
        summary: 'One bulletin for printing: every section as one HTML document (scoped as the page)',
        description:
          'Who may read it and what is left out are as for `GET /api/v1/bulletins/{id}` (`404 bulletin.not_found`). All sections one after another — 概况, 统计口径, 红黑榜, 单位三率, 领导三率, 红牌清单, 申诉, 督办超期未复 and 重点项目 when stored with it — each printed page headed by the title and period and numbered at its foot; a revision says 修订版.',
        params: z.object({ id: Id }),
        response: htmlDocument('The bulletin as an HTML print document'),
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(actorOf(request));
      const bulletin = await getBulletin(deps.db, request.params.id);
      return reply.type(HTML).send(bulletinPrint(scopeBulletin(bulletin.content, viewer), bulletin));
    },
  );

  app.get(
    '/api/v1/reports/monthly-pack/print',
    {
      schema: {
        tags: ['reports'],
        operationId: 'printMonthlyPack',
        summary: '每月推进会 materials for printing: the whole monthly pack as one HTML document',
        description:
          'Who may read it and what it shows are as for `GET /api/v1/reports/monthly-pack` (an enterprise gets `403 auth.forbidden`). All sections one after another — 概况, 滞后事项 (every one, unpaged), 按领导, 按单位, 单位三率, 领导三率, 热点, 同类问题 and 重点项目 when key projects are configured — each printed page headed by the title and month and numbered at its foot (第 n 页，共 m 页), table headers repeated.',
        querystring: MonthQuery,
        response: htmlDocument('The monthly pack as an HTML print document'),
      },
    },
    async (request, reply) => {
      const pack = await monthlyPack(deps.db, actorOf(request), { month: parseMonth(request.query.month), now: deps.clock(), minIssues: request.query.minIssues, sections: bulletinSections });
      return reply.type(HTML).send(monthlyPackPrint(pack));
    },
  );
};
