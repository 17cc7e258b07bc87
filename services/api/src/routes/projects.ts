import { shanghaiDate } from '@huiyin/calendar';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  FileBody,
  Id,
  PROJECT_STATES,
  Page,
  ProjectBrief,
  ProjectDetail,
  ProjectLagging,
  ProjectMissingReports,
  ProjectProblemHandedOver,
  ProjectReportFiled,
  ProjectReportPeriod,
  ProjectSummary,
  ProjectTimelineEvent,
  ProjectTotals,
  ProjectType,
  listOf,
  pageOf,
  type ProjectState,
} from '@huiyin/contract';
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
const Filters = z.object({
  /** A project type's code (GET /api/v1/projects/types). */
  type: z.string().trim().min(1).max(50).optional(),
  leaderId: Id.optional(),
  unitId: Id.optional(),
  state: z.enum(PROJECT_STATES).optional(),
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

// The machine's state, kept as text (`stateOf`).
const brief = (p: ProjectRow) => ({ id: p.id, name: p.name, state: p.state as ProjectState, version: p.version, updatedAt: p.updated_at });

/** The refusal every versioned project command shares. */
const STALE = '`409 project.stale_version` when `expectedVersion` is given and no longer current.';

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
 * issues are: a unit sees its projects, a leader theirs, a team member the ones they work on,
 * supervision, the service centre and admins all. An enterprise gets empty lists and a 404 for one
 * project; an official who may see a project but not change it gets 403 `project.forbidden`.
 */
export const projectRoutes: FastifyPluginAsyncZod<ProjectRoutesOptions> = async (app, { deps, reportSchedule }) => {
  const schedule = reportSchedule ?? SEMI_MONTHLY;
  app.get(
    '/api/v1/projects/types',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjectTypes',
        summary: 'The project types (工业, 服务业, 大数据, …): codes to use in `type`',
        description:
          'Any signed-in caller, enterprises included; in display order, each with its Chinese `name` and English `nameEn`. A `type` not in this list is refused wherever it is sent (400 naming `type`).',
        response: { 200: listOf(ProjectType) },
      },
    },
    async (request) => {
      actorOf(request); // reference data, but for signed-in callers only
      return { items: await deps.db.selectFrom('project_types').select(['code', 'name', 'name_en as nameEn']).orderBy('sort').execute() };
    },
  );

  app.get(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjects',
        summary: 'The key projects you may see, newest first (keyset pages); filter by type, leader, unit, state',
        description:
          "Scoped as issues are: a unit's handlers and head see its projects, a leader theirs, a team member those they work on; dispatchers (service centre), supervisors and admins see all; an enterprise sees none (an empty page). Newest registration first, each with its count of milestones and of late ones. An unknown `type` is 400 naming `type`.",
        querystring: ListQuery,
        response: { 200: pageOf(ProjectSummary) },
      },
    },
    async (request) => {
      await assertType(deps.db, request.query.type);
      return listProjects(deps.db, actorOf(request), request.query);
    },
  );

  app.get(
    '/api/v1/projects/export.xlsx',
    {
      schema: {
        tags: ['projects'],
        operationId: 'downloadProjectsXlsx',
        summary: 'The project list as XLSX (same filters, every row, totals in 万元)',
        description:
          'Officials of any role, scoped as the list (an enterprise gets `403 auth.forbidden`). One sheet 重点项目, the projects by type then name, a totals row, named `projects-<Shanghai date>.xlsx`. An unknown `type` is 400 naming `type`.',
        querystring: Filters,
        response: { 200: { description: 'The workbook', content: { [XLSX]: { schema: FileBody } } } },
      },
    },
    async (request, reply) => {
      await assertType(deps.db, request.query.type);
      const workbook = await projectsWorkbook(await allProjects(deps.db, officialWith(request), request.query));
      // FileBody documents the bytes as a string; fastify sends a Buffer as it is, unserialised.
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="projects-${shanghaiDate(deps.clock())}.xlsx"`)
        .send(workbook);
    },
  );

  app.get(
    '/api/v1/projects/summary',
    {
      schema: {
        tags: ['projects'],
        summary: 'By type: count, total investment, planned for the year, completed to date (万元)',
        description:
          'Counts only the projects the caller may see (scoped as the list; none for an enterprise), and with `planYear` only those of that plan year. Every type is listed, with zeros when it has none; completed investment is as the latest progress reports give it, and `total` sums the types.',
        operationId: 'getProjectTotals',
        querystring: z.object({ planYear: z.coerce.number().int().min(2000).max(2099).optional() }),
        response: { 200: ProjectTotals },
      },
    },
    async (request) => projectSummary(deps.db, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/projects/lagging',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listLaggingMilestones',
        summary: 'Milestones past due and not done, grouped by leader and unit',
        description:
          "The monthly meeting's 滞后节点 list, over the projects the caller may see that are not completed (none for an enterprise). A milestone is listed from its due time, even before the engine has marked it late; the groups with most late milestones come first, each milestone most overdue first, with `daysLate`.",
        response: { 200: ProjectLagging },
      },
    },
    async (request) => laggingMilestones(deps.db, actorOf(request), deps.clock()),
  );

  app.get(
    '/api/v1/projects/reports/schedule',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listReportPeriods',
        summary: 'Which progress reports are due when: each period between two days, with its due time',
        description:
          "Any signed-in caller. From the deployment's schedule (by default periods ending on the 15th and on the last day of the month, each due by the end of its last day, Shanghai time), from the period `from` falls in to the one holding `to`. 400 naming `to` when it is before `from` or more than about ten years after it.",
        querystring: z.object({ from: Day, to: Day }),
        response: { 200: listOf(ProjectReportPeriod) },
      },
    },
    async (request) => {
      actorOf(request);
      return { items: reportPeriods(request.query.from, request.query.to, schedule) };
    },
  );

  app.get(
    '/api/v1/projects/reports/missing',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listMissingReports',
        summary: 'Projects under way without their report for a period (default: the current one)',
        description:
          "Over the projects the caller may see that are 在建 (a suspended one owes none) and started by the period's end, by unit then name; `overdue` once the period's due time has passed. A `periodEnd` that is not a period's last day is 400 naming it, with the next one.",
        querystring: z.object({ periodEnd: Day.optional() }),
        response: { 200: ProjectMissingReports },
      },
    },
    async (request) => missingReports(deps.db, actorOf(request), { now: deps.clock(), periodEnd: request.query.periodEnd, schedule }),
  );

  app.post(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Register a key project with its leader, unit, team, investment (万元) and dates (service centre, admin)',
        description:
          "Dispatchers and admins only (`403 auth.forbidden`). The project starts 未开工 (planned) at version 1 with its `create` ledger event and no clock running; its milestones are planned next. 400 naming the field when the year's plan exceeds the total investment, the completion is before the start or the type is unknown; `422 reference.unknown` naming an unknown leader, unit, enterprise or team official.",
        operationId: 'registerProject',
        body: CreateProjectInput,
        headers: IdempotencyHeaders,
        response: { 201: ProjectBrief },
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
      schema: {
        tags: ['projects'],
        operationId: 'getProject',
        summary: 'One project with its team, milestones, progress reports and problems',
        description:
          "The team by name, milestones in plan order, progress reports newest period first with the percent each gave per milestone, problems newest first with their issue's number, state and track. `404 project.not_found` when the caller may not see it (scoped as the list).",
        params: IdParams,
        response: { 200: ProjectDetail },
      },
    },
    async (request) => getProject(deps.db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/projects/:id/timeline',
    {
      schema: {
        tags: ['projects'],
        operationId: 'getProjectTimeline',
        summary: "The project's ledger, oldest first",
        description:
          "Every change as one event (the project's `version` counts them): who (official with roles and unit, or the engine), the payload and the state after, including the engine's own milestone moves to due soon and late. `404 project.not_found` when the caller may not see the project.",
        params: IdParams,
        response: { 200: listOf(ProjectTimelineEvent) },
      },
    },
    async (request) => ({ items: await projectTimeline(deps.db, actorOf(request), request.params.id) }),
  );

  app.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        operationId: 'updateProject',
        summary: "Change a project's facts (service centre, admin)",
        description: `Dispatchers and admins (\`403 project.forbidden\`), until completed (\`409 project.wrong_state\`). Each field sent replaces the stored one (\`teamOfficialIds\` the whole team); a new leader or unit takes the open milestones along, a new start day moves the report clocks. 400 naming the field when the year's plan exceeds the total or the completion falls before the start or a planned milestone, \`422 reference.unknown\` for an unknown leader, unit, enterprise or official; ${STALE}`,
        params: IdParams,
        body: UpdateProjectInput,
        response: { 200: ProjectBrief },
      },
    },
    async (request) => brief(await updateProject(forRequest(deps, request), { projectId: request.params.id, actor: actorOf(request), input: request.body })),
  );

  for (const transition of ['start', 'suspend', 'resume', 'complete'] as const) {
    app.post(
      `/api/v1/projects/:id/${transition}`,
      {
        schema: {
          tags: ['project actions'],
          operationId: `${transition}Project`,
          summary: {
            start: 'Start the project (its unit head, service centre, admin)',
            suspend: 'Suspend it, with the reason (its leader, supervision, admin)',
            resume: 'Resume it (its leader, supervision, admin)',
            complete: 'Complete it: every milestone done (its unit head, service centre, admin)',
          }[transition],
          description: `${
            {
              start:
                "From 未开工 to 在建: its unit's head, dispatchers and admins (`403 project.forbidden`), from planned only (`409 project.wrong_state`). The progress-report clock starts with the period holding today (or the start day).",
              suspend:
                'From 在建 to 暂停: its leader, supervisors and admins (`403 project.forbidden`), from under way only (`409 project.wrong_state`); `reason` is required (400 naming it) and recorded. The report clocks pause: a period whose cutoff passes meanwhile is not owed, one already late stays owed.',
              resume:
                'From 暂停 back to 在建: its leader, supervisors and admins (`403 project.forbidden`), from suspended only (`409 project.wrong_state`). The report clocks run again; periods that ended while it stood still are not owed.',
              complete:
                "From 在建 to 已竣工, for good: its unit's head, dispatchers and admins (`403 project.forbidden`), from under way only (`409 project.wrong_state`), with no milestone open (`409 project.milestones_open`). Its clocks are cancelled; nothing further is accepted.",
            }[transition]
          } ${STALE}`,
          params: IdParams,
          body: ProjectTransitionInput,
          response: { 200: ProjectBrief },
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
        summary: 'Add milestones (节点) to the plan, each due no later than the planned completion (its leader, unit, service centre, admin)',
        description: `Its leader, its unit's handlers and head, dispatchers and admins (\`403 project.forbidden\`), until completed (\`409 project.wrong_state\`). Each is due by the end of its day, Shanghai time, on or after the start day (400 naming \`milestones.N.dueOn\`), numbered after those planned; its clock starts, and one whose day is near or past starts due soon or late. ${STALE}`,
        operationId: 'planProjectMilestones',
        params: IdParams,
        body: PlanMilestonesInput,
        headers: IdempotencyHeaders,
        response: { 201: ProjectBrief },
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
        summary: "Move a milestone's due day, with the reason (its leader, service centre, admin)",
        description: `Its leader, dispatchers and admins (\`403 milestone.forbidden\`). The milestone is back on plan (a late one too) and its clock moves; the day lies between the start day and the planned completion (400 naming \`dueOn\`) and not before today (\`409 milestone.replan_in_past\`). \`404 milestone.not_found\` for a milestone not of this project, \`409 milestone.wrong_state\` for one done; ${STALE}`,
        operationId: 'replanProjectMilestone',
        params: z.object({ id: Id, milestoneId: Id }),
        body: ReplanMilestoneInput,
        response: { 200: ProjectBrief },
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
        description: `Its unit's handlers and head (\`403 project.forbidden\`), while 在建 (\`409 project.wrong_state\`); one a period (\`409 project.report_already_filed\`), \`periodEnd\` defaulting to the current one and naming no future period nor one before the start (400). Filed after the period's due time it is kept with \`onTime\` false; percents may not fall (\`409 milestone.percent_decreased\`) and 100 finishes a milestone, investment to date may not fall (400). The period's clock stops and the next one's starts; ${STALE}`,
        operationId: 'fileProgressReport',
        params: IdParams,
        body: FileProgressReportInput,
        headers: IdempotencyHeaders,
        response: { 201: ProjectReportFiled },
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
        description:
          "Its unit's handlers and head, its leader, dispatchers, supervisors and admins (`403 project.forbidden`), until completed (`409 project.wrong_state`). The issue is filed for the project's owner enterprise unless `enterpriseId` names another (400 naming it when there is none), acknowledged with its number and expected due time; the dispatcher gets the 待列单 notice, the leader and unit heads a 项目问题交办 notice. `422 reference.unknown` for an unknown category or enterprise, or a milestone or report not of this project.",
        operationId: 'reportProjectProblem',
        params: IdParams,
        body: ReportProblemInput,
        headers: IdempotencyHeaders,
        response: { 201: ProjectProblemHandedOver },
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
