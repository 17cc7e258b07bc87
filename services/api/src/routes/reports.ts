import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Bulletin, BulletinGenerated, BulletinList, DATE_RANGE_MESSAGE, FileBody, HotSpots, Id, MonthlyPack, OffsetDateTime, OpenList, Scorecards, inYearRange } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
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
import { MinIssues, MonthQuery } from './report-queries.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The answer of an .xlsx download. */
const xlsxFile = (description: string) => ({ 200: { description, content: { [XLSX]: { schema: FileBody } } } });
const PeriodId = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-H[12]$/, 'YYYY-MM-H1 (1st–15th) or YYYY-MM-H2 (16th–end)')
  .refine((p) => inYearRange(Number(p.slice(0, 4))), DATE_RANGE_MESSAGE);
const Offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
const GroupBy = z.enum(['leader', 'unit']);

export type ReportRoutesOptions = {
  deps: EngineDeps;
  /** Further sections frozen into each bulletin (key projects: `projects`). */
  bulletinSections?: Record<string, BulletinSection> | undefined;
  /** Sections of a stored bulletin only, never of a monthly pack (which a GET computes): the signed ledger checkpoint. */
  snapshotSections?: Record<string, BulletinSection> | undefined;
};

/** Bulletins (每半月汇总通报), the open list, scorecards, the monthly pack and hot spots. */
export const reportRoutes: FastifyPluginAsyncZod<ReportRoutesOptions> = async (app, { deps, bulletinSections, snapshotSections }) => {
  app.get(
    '/api/v1/bulletins',
    {
      schema: {
        tags: ['reports'],
        operationId: 'listBulletins',
        summary: 'Stored bulletins (每半月汇总通报), newest period first',
        description:
          'Any official (an enterprise gets `403 auth.forbidden`); the list is not scoped, each summary carrying the period, its kind (`scheduled` or `on_demand`) and the headline totals. Within a period the newest generated comes first; `period` narrows to one period, paged by offset with the `total`.',
        querystring: z.object({ period: PeriodId.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: Offset }),
        response: { 200: BulletinList },
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
        operationId: 'generateBulletin',
        summary: 'Generate a bulletin for any period now (supervision, admin); stored as a frozen snapshot',
        description:
          "Supervisors and admins only (`403 auth.forbidden` otherwise). Computes the period's figures as of now (a period under way counts so far) and stores them as an `on_demand` bulletin, answering 201 with its Location. One bulletin per period: a period that has one already is `409 bulletin.period_taken` naming the period, unless `revision: true` asks for a revision on purpose, stored as the period's next `revision` (修订版 1, 2, …; the first is 0). The period is a half month from 2000 to 2099 that has begun (`400` naming `period` otherwise). With `mail: true` each leader, unit head and supervisor with an address is mailed their figures and every such account gets an inbox notice (`mailed` counts the mails).",
        body: z.strictObject({
          period: PeriodId,
          minIssues: MinIssues,
          mail: z.boolean().default(false),
          revision: z.boolean().default(false).meta({ description: 'Generate although the period has a bulletin: a revision (修订版) on purpose' }),
        }),
        headers: IdempotencyHeaders,
        response: { 201: BulletinGenerated },
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      const actor = officialWith(request, 'supervisor', 'admin');
      const period = parseBulletinPeriod(request.body.period, 'period');
      // A period not yet begun has nothing to count (the console's picker offers none).
      if (period.start > deps.clock()) throw new DomainError('validation.invalid', `${period.label}尚未开始，不能生成通报`, { field: 'period' });
      const { bulletin, mailed } = await generateBulletin(deps, {
        period,
        kind: 'on_demand',
        generatedBy: actor.officialId,
        minIssues: request.body.minIssues,
        mail: request.body.mail,
        revision: request.body.revision,
        sections: { ...bulletinSections, ...snapshotSections },
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
      schema: {
        tags: ['reports'],
        operationId: 'getBulletin',
        summary: "One bulletin; the issues behind others' lost points are shown only to supervision, dispatchers and admins",
        description:
          "Any official (an enterprise gets `403 auth.forbidden`); `404 bulletin.not_found` when there is no such bulletin. Every unit's and leader's figures and ranks are shown to all; the issues behind lost points (`causes`, `excluded`), red-card lines, appeals and late 督办单 only for the caller's own unit (handlers, unit heads) or leader, while supervisors, dispatchers and admins see them all.",
        params: z.object({ id: Id }),
        response: { 200: Bulletin },
      },
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
      schema: {
        tags: ['reports'],
        operationId: 'downloadBulletinXlsx',
        summary: 'One bulletin as XLSX (scoped as the page)',
        description:
          'Who may download it and what is left out are as for `GET /api/v1/bulletins/{id}` (`404 bulletin.not_found`). Sheets 概况, 单位三率, 领导三率, 红黑榜, 红牌清单, 申诉 and 督办超期未复, then the 重点项目 sheets when the bulletin was stored with them; named `bulletin-<period>.xlsx`.',
        params: z.object({ id: Id }),
        response: xlsxFile('The bulletin workbook'),
      },
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
      schema: {
        tags: ['reports'],
        operationId: 'getOpenList',
        summary: '未办结事项清单: open issues you may see, grouped by leader or unit, with group counts (offset pages)',
        description:
          "Any official, scoped as issues are (a unit's handlers and head see the issues it leads, assists or returned, a leader those they lead or whose enterprise is assigned to them; dispatchers, supervisors and admins all); an enterprise gets `403 auth.forbidden`. Every group comes with its open, overdue, red (red card or escalated) and yellow counts, groups in name order with issues lacking a leader or unit in their own group; the page runs through the groups' issues in that order, most pressing due time first and those with none last.",
        querystring: OpenListQuery,
        response: { 200: OpenList },
      },
    },
    async (request) => openList(deps.db, actorOf(request), { ...request.query, now: deps.clock() }),
  );

  app.get(
    '/api/v1/reports/open-list.xlsx',
    {
      schema: {
        tags: ['reports'],
        operationId: 'downloadOpenListXlsx',
        summary: '未办结事项清单 as XLSX: a sheet by leader and one by unit',
        description:
          "Scoped as `GET /api/v1/reports/open-list` (an enterprise gets `403 auth.forbidden`), without paging: sheets 按领导 and 按单位, each group's heading line with its counts and then its issues, at most 20,000 issues a sheet. Named `open-list.xlsx`.",
        response: xlsxFile('The open-list workbook'),
      },
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
        operationId: 'getScorecards',
        summary: 'The 三率 per bulletin period for the last N periods (trend data), per unit or leader; yours only unless supervision, dispatcher or admin',
        description:
          "Any official: supervisors, dispatchers and admins get every unit or leader, a unit's handlers and head their unit, a leader their own row, others nothing (an enterprise gets `403 auth.forbidden`). Computed now, oldest period first and the current one so far, with accepted appeals as they stand now (a figure may differ from a bulletin generated earlier); series with nothing in the window are left out unless `id` names one, and an `id` not the caller's is `403 auth.forbidden` naming `id`.",
        querystring: z.object({ by: GroupBy.default('unit'), periods: z.coerce.number().int().min(1).max(24).default(6), id: Id.optional(), minIssues: MinIssues }),
        response: { 200: Scorecards },
      },
    },
    async (request) => scorecards(deps.db, viewerOf(actorOf(request)), { ...request.query, now: deps.clock() }),
  );

  app.get(
    '/api/v1/reports/monthly-pack',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getMonthlyPack',
        summary: '每月推进会: lagging issues with their leaders and units, the month’s 三率 and hot spots',
        description:
          "Any official (an enterprise gets `403 auth.forbidden`); a month under way counts up to now. An issue lags for a claim or answer missed in the month, a red card or escalation in it, or a claim, handling or assist clock still running now that fell due before the month's end; the totals are everyone's, but the unit and leader rows and the lagging issues are only the caller's own unless they are a supervisor, dispatcher or admin, and the hot spots (90 days to the month's end, at least 2, top 10) count the issues they may see.",
        querystring: MonthQuery,
        response: { 200: MonthlyPack },
      },
    },
    async (request) => monthlyPack(deps.db, actorOf(request), { month: parseMonth(request.query.month), now: deps.clock(), minIssues: request.query.minIssues, sections: bulletinSections }),
  );

  app.get(
    '/api/v1/reports/monthly-pack.xlsx',
    {
      schema: {
        tags: ['reports'],
        operationId: 'downloadMonthlyPackXlsx',
        summary: 'The monthly pack as XLSX',
        description:
          'Who may download it and what it shows are as for `GET /api/v1/reports/monthly-pack`. Sheets 概况, 滞后事项, 按领导, 按单位, 单位三率, 热点 and 同类问题, then the 重点项目 sheets when key projects are configured; named `monthly-pack-<month>.xlsx`.',
        querystring: MonthQuery,
        response: xlsxFile('The monthly pack workbook'),
      },
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
        operationId: 'getHotSpots',
        summary: '主动治理: recurring problems by category, enterprise, industry and problem (alike titles) over a rolling window, against the window before',
        description:
          'Any official, counting only the issues they may see (scoped as the open list; an enterprise gets `403 auth.forbidden`). Counts issues filed in [`to` − `days`, `to`) (`to` defaults to now) against the same length just before; each dimension lists at most `limit` entries with at least `minCount` issues in the window, most first, with how many are still open and the change rate (null when the window before had none). `byProblem` (同类问题) clusters alike titles by their character bigrams and lists those filed by at least two enterprises, most enterprises first, at most `problemLimit` (default 30); each carries `governanceTask`, the newest 主动治理 task covering any of its issues (`POST /api/v1/problem-clusters/governance-tasks`), open or replied, or null.',
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(730).default(90),
          to: OffsetDateTime.optional(),
          minCount: z.coerce.number().int().min(1).max(1000).default(2),
          limit: z.coerce.number().int().min(1).max(100).default(10),
          problemLimit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: { 200: HotSpots },
      },
    },
    async (request) => {
      const { to, ...rest } = request.query;
      return hotSpots(deps.db, actorOf(request), { ...rest, to: to ? new Date(to) : deps.clock() });
    },
  );
};
