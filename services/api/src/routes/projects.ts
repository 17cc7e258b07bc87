import { shanghaiDate } from '@huiyin/calendar';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Page } from '@huiyin/contract';
import { DomainError } from '@huiyin/domain';
import { SEMI_MONTHLY, type ReportSchedule } from '@huiyin/project-workflow';
import type { Db } from '@huiyin/store';
import {
  CreateProjectInput,
  Day,
  FileProgressReportInput,
  PlanMilestonesInput,
  ProjectTransitionInput,
  ReplanMilestoneInput,
  ReportProblemInput,
  UpdateProjectInput,
  allProjects,
  changeProjectState,
  createProject,
  fileProgressReport,
  getProject,
  laggingMilestones,
  listProjects,
  missingReports,
  planMilestones,
  projectSummary,
  projectTimeline,
  replanMilestone,
  reportPeriods,
  reportProjectProblem,
  updateProject,
  type ProjectRow,
  type EngineDeps,
} from '@huiyin/engine';
import { actorOf, officialWith } from '../auth/authenticate.ts';
import { forRequest } from '../request-deps.ts';
import { IdempotencyHeaders } from '../idempotency.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IdParams = z.object({ id: Id });
const STATES = ['planned', 'underWay', 'suspended', 'completed'] as const;
const Filters = z.object({
  /** A project type's code (GET /api/v1/projects/types). */
  type: z.string().trim().min(1).max(50).optional(),
  leaderId: Id.optional(),
  unitId: Id.optional(),
  state: z.enum(STATES).optional(),
});
const ListQuery = Page.extend(Filters.shape);

export type ProjectRoutesOptions = {
  deps: EngineDeps;
  /** When progress reports are due. @defaultValue by the 15th and the last day of each month */
  reportSchedule?: ReportSchedule | undefined;
};

/** An unknown type in a filter is bad input, as in a body: 400 naming `type`. */
async function assertType(db: Db, type: string | undefined): Promise<void> {
  if (type && !(await db.selectFrom('project_types').select('code').where('code', '=', type).executeTakeFirst())) {
    throw new DomainError('validation.invalid', `unknown project type "${type}": see GET /api/v1/projects/types`, { field: 'type' });
  }
}

const brief = (p: ProjectRow) => ({ id: p.id, name: p.name, state: p.state, version: p.version, updatedAt: p.updated_at });

const STATE_TEXT: Record<string, string> = { planned: '未开工', underWay: '在建', suspended: '暂停', completed: '已竣工' };

/** The project list as a sheet: one row a project, 万元 as whole numbers, a totals row. */
async function projectsWorkbook(rows: Awaited<ReturnType<typeof allProjects>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huiyin 回音';
  const ws = wb.addWorksheet('重点项目', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } });
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '项目名称', width: 36 },
    { header: '类型', width: 10 },
    { header: '总投资（万元）', width: 14 },
    { header: '年度计划投资（万元）', width: 18 },
    { header: '累计完成投资（万元）', width: 18 },
    { header: '分包领导', width: 10 },
    { header: '责任单位', width: 16 },
    { header: '开工日期', width: 12 },
    { header: '计划竣工', width: 12 },
    { header: '状态', width: 8 },
    { header: '节点数', width: 8 },
    { header: '滞后节点', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((p, i) =>
    ws.addRow([
      i + 1,
      p.name,
      p.typeName,
      p.totalInvestment,
      p.plannedInvestmentYear,
      p.investmentCompleted,
      p.leaderName,
      p.unitName,
      p.startDate,
      p.plannedCompletion,
      STATE_TEXT[p.state] ?? p.state,
      p.milestones,
      p.lateMilestones,
    ]),
  );
  const sum = (f: (p: (typeof rows)[number]) => number) => rows.reduce((t, p) => t + f(p), 0);
  const total = ws.addRow(['', `合计 ${rows.length} 个`, '', sum((p) => p.totalInvestment), sum((p) => p.plannedInvestmentYear), sum((p) => p.investmentCompleted)]);
  total.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Key projects (重点项目): the register, milestones, semi-monthly progress reports, problems
 * handed over as issues, the summary by type, lagging milestones and the XLSX export. Scoped as
 * issues are: a unit sees its projects, a leader theirs, supervision, the service centre and
 * admins all, an enterprise none (404).
 */
export const projectRoutes: FastifyPluginAsyncZod<ProjectRoutesOptions> = async (app, { deps, reportSchedule }) => {
  const schedule = reportSchedule ?? SEMI_MONTHLY;
  app.get(
    '/api/v1/projects/types',
    {
      schema: { tags: ['projects'], summary: 'The project types (工业, 服务业, 大数据, …): codes to use in `type`' },
    },
    async (request) => {
      actorOf(request); // reference data, but for signed-in callers only
      return { items: await deps.db.selectFrom('project_types').select(['code', 'name', 'name_en as nameEn']).orderBy('sort').execute() };
    },
  );

  app.get(
    '/api/v1/projects',
    {
      schema: { tags: ['projects'], summary: 'The key projects you may see, newest first (keyset pages); filter by type, leader, unit, state', querystring: ListQuery },
    },
    async (request) => {
      await assertType(deps.db, request.query.type);
      return listProjects(deps.db, actorOf(request), request.query);
    },
  );

  app.get(
    '/api/v1/projects/export.xlsx',
    {
      schema: { tags: ['projects'], summary: 'The project list as XLSX (same filters, every row, totals in 万元)', querystring: Filters },
    },
    async (request, reply) => {
      await assertType(deps.db, request.query.type);
      const rows = await allProjects(deps.db, officialWith(request), request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="projects-${shanghaiDate(deps.clock())}.xlsx"`)
        .send(await projectsWorkbook(rows));
    },
  );

  app.get(
    '/api/v1/projects/summary',
    {
      schema: {
        tags: ['projects'],
        summary: 'By type: count, total investment, planned for the year, completed to date (万元)',
        querystring: z.object({ planYear: z.coerce.number().int().min(2000).max(2099).optional() }),
      },
    },
    async (request) => projectSummary(deps.db, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/projects/lagging',
    {
      schema: { tags: ['projects'], summary: 'Milestones past due and not done, grouped by leader and unit' },
    },
    async (request) => laggingMilestones(deps.db, actorOf(request), deps.clock()),
  );

  app.get(
    '/api/v1/projects/reports/schedule',
    {
      schema: { tags: ['projects'], summary: 'Which progress reports are due when: each period between two days, with its due time', querystring: z.object({ from: Day, to: Day }) },
    },
    async (request) => {
      actorOf(request);
      return { items: reportPeriods(request.query.from, request.query.to, schedule) };
    },
  );

  app.get(
    '/api/v1/projects/reports/missing',
    {
      schema: { tags: ['projects'], summary: 'Projects under way without their report for a period (default: the current one)', querystring: z.object({ periodEnd: Day.optional() }) },
    },
    async (request) => missingReports(deps.db, actorOf(request), { now: deps.clock(), periodEnd: request.query.periodEnd, schedule }),
  );

  app.post(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Register a key project with its leader, unit, team, investment (万元) and dates (service centre, admin)',
        body: CreateProjectInput,
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      const row = await createProject(forRequest(deps, request), { actor: actorOf(request), input: request.body });
      return reply.status(201).header('location', `/api/v1/projects/${row.id}`).send(brief(row));
    },
  );

  app.get(
    '/api/v1/projects/:id',
    {
      schema: { tags: ['projects'], summary: 'One project with its team, milestones, progress reports and problems', params: IdParams },
    },
    async (request) => getProject(deps.db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/projects/:id/timeline',
    {
      schema: { tags: ['projects'], summary: "The project's ledger, oldest first", params: IdParams },
    },
    async (request) => ({ items: await projectTimeline(deps.db, actorOf(request), request.params.id) }),
  );

  app.patch(
    '/api/v1/projects/:id',
    {
      schema: { tags: ['projects'], summary: "Change a project's facts (service centre, admin)", params: IdParams, body: UpdateProjectInput },
    },
    async (request) => brief(await updateProject(forRequest(deps, request), { projectId: request.params.id, actor: actorOf(request), input: request.body })),
  );

  for (const transition of ['start', 'suspend', 'resume', 'complete'] as const) {
    app.post(
      `/api/v1/projects/:id/${transition}`,
      {
        schema: {
          tags: ['project actions'],
          summary: {
            start: 'Start the project (its unit head, service centre)',
            suspend: 'Suspend it, with the reason (its leader, supervision)',
            resume: 'Resume it (its leader, supervision)',
            complete: 'Complete it: every milestone done (its unit head, service centre)',
          }[transition],
          params: IdParams,
          body: ProjectTransitionInput,
        },
      },
      async (request) => brief(await changeProjectState(forRequest(deps, request), { projectId: request.params.id, actor: actorOf(request), transition, input: request.body })),
    );
  }

  app.post(
    '/api/v1/projects/:id/milestones',
    {
      schema: {
        tags: ['project actions'],
        summary: 'Add milestones (节点) to the plan, each due no later than the planned completion',
        params: IdParams,
        body: PlanMilestonesInput,
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => reply.status(201).send(brief(await planMilestones(forRequest(deps, request), { projectId: request.params.id, actor: actorOf(request), input: request.body }))),
  );

  app.post(
    '/api/v1/projects/:id/milestones/:milestoneId/replan',
    {
      schema: {
        tags: ['project actions'],
        summary: "Move a milestone's due day, with the reason (its leader, service centre)",
        params: z.object({ id: Id, milestoneId: Id }),
        body: ReplanMilestoneInput,
      },
    },
    async (request) => brief(await replanMilestone(forRequest(deps, request), { projectId: request.params.id, milestoneId: request.params.milestoneId, actor: actorOf(request), input: request.body })),
  );

  app.post(
    '/api/v1/projects/:id/reports',
    {
      schema: {
        tags: ['project actions'],
        summary: 'File the semi-monthly progress report (its unit): percent per milestone, investment to date (万元), narrative, problems',
        params: IdParams,
        body: FileProgressReportInput,
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      const r = await fileProgressReport(forRequest(deps, request), { projectId: request.params.id, actor: actorOf(request), input: request.body, schedule });
      return reply
        .status(201)
        .send({ id: r.id, periodStart: r.period_start, periodEnd: r.period_end, dueAt: r.due_at, filedAt: r.filed_at, onTime: r.on_time, investmentCompleted: r.investment_completed });
    },
  );

  app.post(
    '/api/v1/projects/:id/problems',
    {
      schema: {
        tags: ['project actions'],
        summary: "Hand a problem over at once (即刻交办): an issue is filed, linked both ways, listed by default to the project's leader and unit",
        params: IdParams,
        body: ReportProblemInput,
        headers: IdempotencyHeaders,
      },
      config: { idempotent: true },
    },
    async (request, reply) => {
      const r = await reportProjectProblem(forRequest(deps, request), { projectId: request.params.id, actor: actorOf(request), input: request.body });
      return reply
        .status(201)
        .header('location', `/api/v1/issues/${r.issue.id}`)
        .send({ problemId: r.problemId, issueId: r.issue.id, number: r.issue.number, state: r.issue.state, expectedDueAt: r.expectedDueAt });
    },
  );
};
