import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DATE_RANGE_MESSAGE, Id, OffsetDateTime, inYearRange } from '@huiyin/contract';
import type { EngineDeps } from '@huiyin/engine';
import {
  bulletinWorkbook,
  generateBulletin,
  getBulletin,
  hotSpots,
  listBulletins,
  monthlyPack,
  monthlyPackWorkbook,
  openList,
  openListWorkbook,
  parseBulletinPeriod,
  parseMonth,
  scopeBulletin,
  scorecards,
  viewerOf,
  type BulletinSection,
} from '@huiyin/reports';
import { actorOf, officialWith } from '../auth/authenticate.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PeriodId = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-H[12]$/, 'YYYY-MM-H1 (1st–15th) or YYYY-MM-H2 (16th–end)')
  .refine((p) => inYearRange(Number(p.slice(0, 4))), DATE_RANGE_MESSAGE);
const MonthId = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
  .refine((m) => inYearRange(Number(m.slice(0, 4))), DATE_RANGE_MESSAGE);
const Offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
const MinIssues = z.coerce.number().int().min(1).max(1000).optional();
const GroupBy = z.enum(['leader', 'unit']);

export type ReportRoutesOptions = {
  deps: EngineDeps;
  /** Further sections frozen into each bulletin (key projects: `projects`). */
  bulletinSections?: Record<string, BulletinSection> | undefined;
};

/** Bulletins (每半月汇总通报), the open list, scorecards, the monthly pack and hot spots. */
export const reportRoutes: FastifyPluginAsyncZod<ReportRoutesOptions> = async (app, { deps, bulletinSections }) => {
  app.get(
    '/api/v1/bulletins',
    {
      schema: {
        tags: ['reports'],
        summary: 'Stored bulletins (每半月汇总通报), newest period first',
        querystring: z.object({ period: PeriodId.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: Offset }),
      },
    },
    async (request) => {
      viewerOf(actorOf(request));
      return listBulletins(deps.db, { periodId: request.query.period, limit: request.query.limit, offset: request.query.offset });
    },
  );

  app.post(
    '/api/v1/bulletins',
    {
      schema: {
        tags: ['reports'],
        summary: 'Generate a bulletin for any period now (supervision); stored as a frozen snapshot',
        body: z.strictObject({ period: PeriodId, minIssues: MinIssues, mail: z.boolean().default(false) }),
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      const actor = officialWith(request, 'supervisor', 'admin');
      const period = parseBulletinPeriod(request.body.period, 'period');
      const { bulletin, mailed } = await generateBulletin(deps, {
        period,
        kind: 'on_demand',
        generatedBy: actor.officialId,
        minIssues: request.body.minIssues,
        mail: request.body.mail,
        sections: bulletinSections,
      });
      return reply
        .status(201)
        .header('location', `/api/v1/bulletins/${bulletin.id}`)
        .send({ ...bulletin, mailed });
    },
  );

  app.get(
    '/api/v1/bulletins/:id',
    {
      schema: { tags: ['reports'], summary: "One bulletin; the issues behind others' lost points are shown only to supervision", params: z.object({ id: Id }) },
    },
    async (request) => {
      const viewer = viewerOf(actorOf(request));
      const bulletin = await getBulletin(deps.db, request.params.id);
      return { ...bulletin, content: scopeBulletin(bulletin.content, viewer) };
    },
  );

  app.get(
    '/api/v1/bulletins/:id.xlsx',
    {
      schema: { tags: ['reports'], summary: 'One bulletin as XLSX (scoped as the page)', params: z.object({ id: Id }) },
    },
    async (request, reply) => {
      const viewer = viewerOf(actorOf(request));
      const bulletin = await getBulletin(deps.db, request.params.id);
      const body = await bulletinWorkbook(scopeBulletin(bulletin.content, viewer));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="bulletin-${bulletin.periodId}.xlsx"`).send(body);
    },
  );

  const OpenListQuery = z.object({ groupBy: GroupBy.default('unit'), limit: z.coerce.number().int().min(1).max(500).default(100), offset: Offset });
  app.get(
    '/api/v1/reports/open-list',
    {
      schema: { tags: ['reports'], summary: '未办结事项清单: open issues you may see, grouped by leader or unit, with group counts (offset pages)', querystring: OpenListQuery },
    },
    async (request) => openList(deps.db, actorOf(request), { ...request.query, now: deps.clock() }),
  );

  app.get(
    '/api/v1/reports/open-list.xlsx',
    {
      schema: { tags: ['reports'], summary: '未办结事项清单 as XLSX: a sheet by leader and one by unit' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock();
      const all = { limit: 20_000, offset: 0, now };
      const body = await openListWorkbook(await openList(deps.db, actor, { ...all, groupBy: 'leader' }), await openList(deps.db, actor, { ...all, groupBy: 'unit' }));
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="open-list.xlsx"').send(body);
    },
  );

  app.get(
    '/api/v1/reports/scorecards',
    {
      schema: {
        tags: ['reports'],
        summary: 'The 三率 per bulletin period for the last N periods (trend data), per unit or leader; yours only unless supervision',
        querystring: z.object({ by: GroupBy.default('unit'), periods: z.coerce.number().int().min(1).max(24).default(6), id: Id.optional(), minIssues: MinIssues }),
      },
    },
    async (request) => scorecards(deps.db, viewerOf(actorOf(request)), { ...request.query, now: deps.clock() }),
  );

  const MonthQuery = z.object({ month: MonthId, minIssues: MinIssues });
  app.get(
    '/api/v1/reports/monthly-pack',
    {
      schema: { tags: ['reports'], summary: '每月推进会: lagging issues with their leaders and units, the month’s 三率 and hot spots', querystring: MonthQuery },
    },
    async (request) => monthlyPack(deps.db, actorOf(request), { month: parseMonth(request.query.month), now: deps.clock(), minIssues: request.query.minIssues, sections: bulletinSections }),
  );

  app.get(
    '/api/v1/reports/monthly-pack.xlsx',
    {
      schema: { tags: ['reports'], summary: 'The monthly pack as XLSX', querystring: MonthQuery },
    },
    async (request, reply) => {
      const pack = await monthlyPack(deps.db, actorOf(request), { month: parseMonth(request.query.month), now: deps.clock(), minIssues: request.query.minIssues, sections: bulletinSections });
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="monthly-pack-${request.query.month}.xlsx"`)
        .send(await monthlyPackWorkbook(pack));
    },
  );

  app.get(
    '/api/v1/reports/hot-spots',
    {
      schema: {
        tags: ['reports'],
        summary: '主动治理: recurring problems by category, enterprise and industry over a rolling window, against the window before',
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(730).default(90),
          to: OffsetDateTime.optional(),
          minCount: z.coerce.number().int().min(1).max(1000).default(2),
          limit: z.coerce.number().int().min(1).max(100).default(10),
        }),
      },
    },
    async (request) => {
      const { to, ...rest } = request.query;
      return hotSpots(deps.db, actorOf(request), { ...rest, to: to ? new Date(to) : deps.clock() });
    },
  );
};
