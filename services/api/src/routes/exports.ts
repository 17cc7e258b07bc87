import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileBody, IssueListFilter, IssueListSort } from '@huiyin/contract';
import { inboxPage, listIssues, listOverdue, type EngineDeps } from '@huiyin/engine';
import { issueListWorkbook, scorecards, scorecardsWorkbook, taskListWorkbook, viewerOf } from '@huiyin/reports';
import { actorOf, officialWith } from '../auth/authenticate.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const xlsxFile = (description: string) => ({ 200: { description, content: { [XLSX]: { schema: FileBody } } } });
/** The most rows one export holds; a longer list is cut there and the sheet's last line says so. */
const EXPORT_MAX = 10_000;
// The lists' largest page (GET /api/v1/issues allows 200).
const PAGE = 200;

/** Walks a keyset list page by page up to `EXPORT_MAX` rows; `truncatedAt` when more were left. */
async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<{ rows: T[]; truncatedAt?: number }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    rows.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_MAX);
  return rows.length > EXPORT_MAX || cursor ? { rows: rows.slice(0, EXPORT_MAX), truncatedAt: EXPORT_MAX } : { rows };
}

const attachment = (name: string) => `attachment; filename="${name}"`;

/** XLSX exports of the lists officials work through: 诉求查询, 待办, the board's overdue list and 考核评价. */
export const exportRoutes: FastifyPluginAsyncZod<{ deps: EngineDeps }> = async (app, { deps }) => {
  app.get(
    '/api/v1/issues.xlsx',
    {
      schema: {
        tags: ['issues'],
        operationId: 'downloadIssuesXlsx',
        summary: '诉求查询 as XLSX: every issue you may see with the list’s filters and order, not a page',
        description:
          'Scoped, filtered and ordered as `GET /api/v1/issues` (same query, without paging): one sheet 诉求 of at most 10,000 issues, its last line saying so when the list was longer. Named `issues.xlsx`.',
        querystring: IssueListFilter.extend(IssueListSort.shape),
        response: xlsxFile('The issue list workbook'),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { rows, truncatedAt } = await allPages((cursor) => listIssues(deps.db, actor, { ...request.query, limit: PAGE, cursor }));
      return reply
        .type(XLSX)
        .header('content-disposition', attachment('issues.xlsx'))
        .send(await issueListWorkbook('诉求', rows, truncatedAt));
    },
  );

  app.get(
    '/api/v1/inbox.xlsx',
    {
      schema: {
        tags: ['work'],
        operationId: 'downloadInboxXlsx',
        summary: '待办 as XLSX: all of your tasks, soonest due first',
        description: 'Any official, the tasks of `GET /api/v1/inbox` without paging (an enterprise gets `403 auth.forbidden`): one sheet 待办事项 of at most 10,000 tasks. Named `inbox.xlsx`.',
        response: xlsxFile('The task list workbook'),
      },
    },
    async (request, reply) => {
      const actor = officialWith(request);
      const { rows, truncatedAt } = await allPages((cursor) => inboxPage(deps.db, actor, { limit: PAGE, cursor }));
      return reply
        .type(XLSX)
        .header('content-disposition', attachment('inbox.xlsx'))
        .send(await taskListWorkbook(rows, truncatedAt));
    },
  );

  app.get(
    '/api/v1/supervision/overdue.xlsx',
    {
      schema: {
        tags: ['work'],
        operationId: 'downloadOverdueXlsx',
        summary: 'The board’s overdue list as XLSX, most overdue first',
        description:
          'Any official, scoped and filtered as `GET /api/v1/supervision/overdue` without paging (an enterprise gets `403 auth.forbidden`): one sheet 超期事项 of at most 10,000 issues. Named `overdue.xlsx`.',
        querystring: IssueListFilter,
        response: xlsxFile('The overdue list workbook'),
      },
    },
    async (request, reply) => {
      const actor = officialWith(request);
      const now = deps.clock();
      const { rows, truncatedAt } = await allPages((cursor) => listOverdue(deps.db, actor, now, { ...request.query, limit: PAGE, cursor }));
      return reply
        .type(XLSX)
        .header('content-disposition', attachment('overdue.xlsx'))
        .send(await issueListWorkbook('超期事项', rows, truncatedAt));
    },
  );

  app.get(
    '/api/v1/reports/scorecards.xlsx',
    {
      schema: {
        tags: ['reports'],
        operationId: 'downloadScorecardsXlsx',
        summary: '考核评价 as XLSX: the latest period in rank order, then every period’s score and rank',
        description:
          'Who may download it and which rows it holds are as for `GET /api/v1/reports/scorecards` (an enterprise gets `403 auth.forbidden`). Sheet 本期排名: every unit or leader of the current period on one sheet, ranked ones by rank, then those not ranked by score; sheet 各期得分: score and rank in each period. Named `scorecards-<by>.xlsx`.',
        querystring: z.object({
          by: z.enum(['unit', 'leader']).default('unit'),
          periods: z.coerce.number().int().min(1).max(24).default(6),
          minIssues: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: xlsxFile('The scorecards workbook'),
      },
    },
    async (request, reply) => {
      const cards = await scorecards(deps.db, viewerOf(actorOf(request)), { ...request.query, now: deps.clock() });
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`scorecards-${request.query.by}.xlsx`))
        .send(await scorecardsWorkbook(cards));
    },
  );
};
