import { createRequire } from 'node:module';
import Excel from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, shanghaiDate } from '@huiyin/calendar';
import { addDays, periodEndOn, periodEnding } from '../../workflows/project/src/report-periods.ts';
import { advanceMilestones } from '@huiyin/engine';
import { expectProblem, fieldsOf, openDistrict, type E2eDistrict, type Who } from './e2e-district.ts';

let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict();
});
afterAll(() => t.close());

const today = () => shanghaiDate(new Date());
type Brief = { id: string; name: string; state: string; version: number };

/** A project body: leader B and unit B (not the enterprises' assignment), owned by enterprise A. */
function projectBody(over: Record<string, unknown> = {}) {
  return {
    name: `霁川区测试产业园-${Math.random().toString(36).slice(2, 8)}`,
    type: 'industrial',
    enterpriseId: t.d.entA.id,
    totalInvestment: 120_000,
    planYear: 2026,
    plannedInvestmentYear: 30_000,
    leaderId: t.d.leaderB,
    unitId: t.d.unitB,
    teamOfficialIds: [t.d.people.handlerC.id],
    startDate: addDays(today(), -60),
    plannedCompletion: addDays(today(), 400),
    ...over,
  };
}

async function create(over: Record<string, unknown> = {}): Promise<Brief> {
  const res = await t.api.call(t.as('dispatcher'), 'POST', '/api/v1/projects', projectBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Brief;
}

const post = (who: Who, url: string, body: object = {}) => t.api.call(t.as(who), 'POST', url, body);

async function ok(who: Who, url: string, body: object = {}, status = 200) {
  const res = await post(who, url, body);
  expect(res.statusCode, `${who} ${url}: ${res.body}`).toBe(status);
  return res.json() as Record<string, unknown>;
}

const projectRows = async () =>
  Number(
    (
      await t.api.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a key project from registration to completion', () => {
  it('plans milestones, starts, reports semi-monthly, lists late milestones by leader and unit, and completes only when all are done', async () => {
    const p = await create();
    expect(p).toMatchObject({ state: 'planned', version: 1 });
    await ok(
      'leaderB',
      `/api/v1/projects/${p.id}/milestones`,
      {
        milestones: [
          { name: '土地摘牌', dueOn: addDays(today(), -10) },
          { name: '主体开工', dueOn: addDays(today(), 3) },
          { name: '竣工验收', dueOn: addDays(today(), 300) },
        ],
      },
      201,
    );
    await ok('headB', `/api/v1/projects/${p.id}/start`);

    const detail = (await t.get('handlerB', `/api/v1/projects/${p.id}`)).json() as { state: string; milestones: Array<{ id: string; state: string; dueOn: string }>; team: Array<{ id: string }> };
    expect(detail.state).toBe('underWay');
    // Planned after its day, the first milestone is late at once; the second falls due within a week.
    expect(detail.milestones.map((m) => m.state)).toEqual(['late', 'dueSoon', 'planned']);
    expect(detail.team.map((m) => m.id)).toEqual([t.d.people.handlerC.id]);

    const lagging = (await t.get('leaderB', '/api/v1/projects/lagging')).json() as {
      late: number;
      groups: Array<{ leaderId: string; unitId: string; late: number; milestones: Array<{ milestoneId: string; daysLate: number }> }>;
    };
    expect(lagging.late).toBe(1);
    expect(lagging.groups).toEqual([expect.objectContaining({ leaderId: t.d.leaderB, unitId: t.d.unitB, late: 1 })]);
    expect(lagging.groups[0]?.milestones[0]).toMatchObject({ milestoneId: detail.milestones[0]?.id, daysLate: 9 });

    const missing = (await t.get('headB', '/api/v1/projects/reports/missing')).json() as { projects: Array<{ id: string }>; period: { end: string } };
    expect(missing.projects.map((x) => x.id)).toEqual([p.id]);

    const [m1, m2] = detail.milestones;
    const report = await ok(
      'handlerB',
      `/api/v1/projects/${p.id}/reports`,
      {
        investmentCompleted: 21_000,
        narrative: '本期完成土地摘牌，主体基础施工中。',
        milestones: [
          { milestoneId: m1?.id, percent: 100 },
          { milestoneId: m2?.id, percent: 60 },
        ],
      },
      201,
    );
    expect(report).toMatchObject({ periodEnd: missing.period.end, onTime: true, investmentCompleted: 21_000 });
    expectProblem(await post('handlerB', `/api/v1/projects/${p.id}/reports`, { investmentCompleted: 22_000, narrative: '重复' }), 409);
    expect(((await t.get('headB', '/api/v1/projects/reports/missing')).json() as { projects: unknown[] }).projects).toEqual([]);
    // The previous period's report was missed: overdue on the list, and late for good once filed.
    const previous = periodEndOn(addDays(periodEnding(missing.period.end).start, -1));
    const owed = (await t.get('headB', `/api/v1/projects/reports/missing?periodEnd=${previous}`)).json() as { overdue: boolean; projects: Array<{ id: string }> };
    expect(owed).toMatchObject({ overdue: true, projects: [expect.objectContaining({ id: p.id })] });
    expect(await ok('handlerB', `/api/v1/projects/${p.id}/reports`, { periodEnd: previous, investmentCompleted: 21_000, narrative: '补报上期进展。' }, 201)).toMatchObject({
      periodEnd: previous,
      onTime: false,
    });
    expect(
      fieldsOf(
        expectProblem(
          await post('handlerB', `/api/v1/projects/${p.id}/reports`, { periodEnd: periodEndOn(addDays(periodEnding(previous).start, -1)), investmentCompleted: 20_000, narrative: '回落' }),
          400,
        ),
      ),
    ).toEqual(['investmentCompleted']);
    expect(((await t.get('leaderB', '/api/v1/projects/lagging')).json() as { late: number }).late).toBe(0);

    expect(expectProblem(await post('headB', `/api/v1/projects/${p.id}/complete`), 409).code).toBe('project.milestones_open');
    expect(expectProblem(await post('handlerA', `/api/v1/projects/${p.id}/suspend`, { reason: '停工' }), 403).code).toBe('project.forbidden');
    expect(fieldsOf(expectProblem(await post('leaderB', `/api/v1/projects/${p.id}/suspend`, {}), 400))).toEqual(['reason']);
    await ok('leaderB', `/api/v1/projects/${p.id}/suspend`, { reason: '业主调整方案' });
    await ok('supervisor', `/api/v1/projects/${p.id}/resume`);

    // The engine's clock moves the open milestones: the second becomes late once its day has passed.
    const later = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date(Date.now() + 5 * 86_400_000) };
    const swept = await advanceMilestones(later);
    expect(swept.moved).toBeGreaterThanOrEqual(1);
    const after = (await t.get('headB', `/api/v1/projects/${p.id}`)).json() as { milestones: Array<{ state: string; percent: number }>; version: number; investmentCompleted: number };
    expect(after.milestones.map((m) => [m.state, m.percent])).toEqual([
      ['done', 100],
      ['late', 60],
      ['planned', 0],
    ]);
    expect(after.investmentCompleted).toBe(21_000);

    // The leader replans the late milestone: back on plan, off the lagging list; not the unit's to do.
    const lateOne = detail.milestones[1]?.id;
    expectProblem(await post('handlerB', `/api/v1/projects/${p.id}/milestones/${lateOne}/replan`, { dueOn: addDays(today(), 30), reason: '调整' }), 403);
    expect(fieldsOf(expectProblem(await post('leaderB', `/api/v1/projects/${p.id}/milestones/${lateOne}/replan`, { dueOn: addDays(today(), -90), reason: '调整' }), 400))).toEqual(['dueOn']);
    await ok('leaderB', `/api/v1/projects/${p.id}/milestones/${lateOne}/replan`, { dueOn: addDays(today(), 30), reason: '供电方案调整，节点顺延' });
    const replanned = (await t.get('headB', `/api/v1/projects/${p.id}`)).json() as { milestones: Array<{ state: string; dueOn: string; percent: number }>; version: number };
    expect(replanned.milestones[1]).toMatchObject({ state: 'planned', dueOn: addDays(today(), 30), percent: 60 });

    const timeline = (await t.get('headB', `/api/v1/projects/${p.id}/timeline`)).json() as { items: Array<{ seq: number; type: string }> };
    expect(timeline.items.map((e) => e.seq)).toEqual(Array.from({ length: replanned.version }, (_, i) => i + 1));
    expect(timeline.items.map((e) => e.type)).toEqual(expect.arrayContaining(['create', 'planMilestones', 'milestone.overdue', 'start', 'fileReport', 'suspend', 'resume', 'milestone.replan']));
    // The ledger cannot be rewritten.
    await expect(t.api.db.deleteFrom('project_events').where('project_id', '=', p.id).execute()).rejects.toThrow(/append-only/);

    // With every milestone done the unit head completes it; nothing more happens to it after that.
    const small = await create();
    await ok('dispatcher', `/api/v1/projects/${small.id}/milestones`, { milestones: [{ name: '竣工验收', dueOn: addDays(today(), 5) }] }, 201);
    await ok('headB', `/api/v1/projects/${small.id}/start`);
    const only = ((await t.get('headB', `/api/v1/projects/${small.id}`)).json() as { milestones: Array<{ id: string }> }).milestones[0]?.id;
    await ok('handlerB', `/api/v1/projects/${small.id}/reports`, { investmentCompleted: 120_000, narrative: '已竣工', milestones: [{ milestoneId: only, percent: 100 }] }, 201);
    expect(await ok('headB', `/api/v1/projects/${small.id}/complete`)).toMatchObject({ state: 'completed' });
    expect(expectProblem(await post('handlerB', `/api/v1/projects/${small.id}/problems`, { title: '问题', description: '描述', categoryId: t.d.categoryId }), 409).code).toBe('project.wrong_state');
  });
});

describe('a problem found in a project', () => {
  it("becomes an issue at once, linked both ways, and the dispatcher's listing defaults to the project's leader and unit", async () => {
    const p = await create();
    const res = await post('handlerB', `/api/v1/projects/${p.id}/problems`, { title: '施工用电增容未落实', description: '设备安装需增容至 2000kVA，供电方案尚未批复。', categoryId: t.d.categoryId });
    expect(res.statusCode, res.body).toBe(201);
    const handed = res.json() as { problemId: string; issueId: string; number: string; state: string };
    expect(handed.state).toBe('submitted');

    const issue = await t.api.db.selectFrom('issues').selectAll().where('id', '=', handed.issueId).executeTakeFirstOrThrow();
    expect(issue).toMatchObject({ project_id: p.id, enterprise_id: t.d.entA.id, channel: 'project', first_responder_id: t.d.people.handlerB.id });
    // The issue names its project in the API too.
    expect(((await t.get('dispatcher', `/api/v1/issues/${handed.issueId}`)).json() as { projectId: string }).projectId).toBe(p.id);
    const problem = await t.api.db.selectFrom('project_problems').selectAll().where('id', '=', handed.problemId).executeTakeFirstOrThrow();
    expect(problem).toMatchObject({ project_id: p.id, issue_id: handed.issueId });
    const project = (await t.get('leaderB', `/api/v1/projects/${p.id}`)).json() as { problems: Array<{ issueId: string; issueNumber: string }>; version: number };
    expect(project.problems).toEqual([expect.objectContaining({ issueId: handed.issueId, issueNumber: handed.number })]);

    // Enterprise A's assignment says leader A and unit A; the project's say B, and they win.
    const queue = (await t.get('dispatcher', '/api/v1/listing-queue?limit=500')).json() as {
      items: Array<{ id: string; defaultLeaderId: string; defaultLeadUnitId: string; projectId: string | null }>;
    };
    expect(queue.items.find((i) => i.id === handed.issueId)).toMatchObject({ defaultLeaderId: t.d.leaderB, defaultLeadUnitId: t.d.unitB, projectId: p.id });
    await t.ok('dispatcher', handed.issueId, 'list', {});
    const listed = await t.api.db.selectFrom('issues').select(['leader_id', 'lead_unit_id', 'state']).where('id', '=', handed.issueId).executeTakeFirstOrThrow();
    expect(listed).toEqual({ leader_id: t.d.leaderB, lead_unit_id: t.d.unitB, state: 'listed' });
    // The dispatcher was told at once, the project's leader and unit too.
    const subjects = (await t.api.db.selectFrom('outbox').select('payload').where('issue_id', '=', handed.issueId).execute()).map((r) => (r.payload as { subject: string }).subject);
    expect(subjects.some((s) => s.startsWith('【待列单】'))).toBe(true);
    expect(subjects.some((s) => s.startsWith('【项目问题交办】'))).toBe(true);

    // The semi-monthly bulletin carries the project part: investment by type and the problems of the period.
    const day = today();
    const period = `${day.slice(0, 7)}-H${Number(day.slice(8)) <= 15 ? 1 : 2}`;
    const bulletin = await post('supervisor', '/api/v1/bulletins', { period, revision: true });
    expect(bulletin.statusCode, bulletin.body).toBe(201);
    const section = (bulletin.json() as { content: { sections: { projects: { investment: { byType: unknown[] }; problems: Array<{ issueId: string; projectId: string }> } } } }).content.sections
      .projects;
    expect(section.investment.byType).toHaveLength(8);
    expect(section.problems).toContainEqual(expect.objectContaining({ issueId: handed.issueId, projectId: p.id }));
  });

  it('files nothing when the problem is refused', async () => {
    const p = await create({ enterpriseId: null });
    const before = await t.counts();
    // No owner enterprise and none named: 400 naming enterpriseId.
    expect(fieldsOf(expectProblem(await post('handlerB', `/api/v1/projects/${p.id}/problems`, { title: '问题', description: '描述', categoryId: t.d.categoryId }), 400))).toEqual(['enterpriseId']);
    // An unknown category fails inside the filing: no issue, no problem row, no event.
    expect(
      fieldsOf(expectProblem(await post('handlerB', `/api/v1/projects/${p.id}/problems`, { title: '问题', description: '描述', categoryId: t.d.newId(), enterpriseId: t.d.entA.id }), 422)),
    ).toEqual(['categoryId']);
    // Not the project's unit: 403, nothing filed.
    expectProblem(await post('handlerA', `/api/v1/projects/${p.id}/problems`, { title: '问题', description: '描述', categoryId: t.d.categoryId, enterpriseId: t.d.entA.id }), 403);
    expect(await t.counts()).toEqual(before);
    expect(await t.api.db.selectFrom('project_problems').select('id').where('project_id', '=', p.id).execute()).toEqual([]);
    expect(((await t.get('dispatcher', `/api/v1/projects/${p.id}`)).json() as { version: number }).version).toBe(1);
  });
});

describe('scoping of projects', () => {
  it('a unit sees its projects, a leader theirs, a team member theirs, supervision all, an enterprise none', async () => {
    const pa = await create({ leaderId: t.d.leaderA, unitId: t.d.unitA, teamOfficialIds: [] });
    const pb = await create();
    const ids = async (who: Who, query = '') => ((await t.get(who, `/api/v1/projects?limit=200${query}`)).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
    const sees = async (who: Who) => {
      const list = await ids(who);
      return [list.includes(pa.id), list.includes(pb.id)];
    };
    expect(await sees('headA')).toEqual([true, false]);
    expect(await sees('handlerA')).toEqual([true, false]);
    expect(await sees('leaderA')).toEqual([true, false]);
    expect(await sees('leaderB')).toEqual([false, true]);
    expect(await sees('handlerB')).toEqual([false, true]);
    expect(await sees('handlerC')).toEqual([false, true]);
    expect(await sees('supervisor')).toEqual([true, true]);
    expect(await sees('dispatcher')).toEqual([true, true]);
    expect(await sees('admin')).toEqual([true, true]);
    expect(await sees('entA')).toEqual([false, false]);
    // A filter never widens what one may see.
    expect(await ids('headA', `&unitId=${t.d.unitB}`)).toEqual([]);

    expectProblem(await t.get('entA', `/api/v1/projects/${pa.id}`), 404);
    expectProblem(await t.get('handlerA', `/api/v1/projects/${pb.id}`), 404);
    expectProblem(await t.get('leaderA', `/api/v1/projects/${pb.id}/timeline`), 404);
    expect((await t.get('handlerC', `/api/v1/projects/${pb.id}`)).statusCode).toBe(200);
    // Acting on one not yours: an enterprise learns nothing (404), an official is told it is not theirs.
    expectProblem(await post('entA', `/api/v1/projects/${pb.id}/start`), 404);
    expectProblem(await post('headA', `/api/v1/projects/${pb.id}/start`), 403);
    // Registering is the service centre's.
    expectProblem(await t.api.call(t.as('headA'), 'POST', '/api/v1/projects', projectBody()), 403);

    // The summary counts only what one may see.
    const summary = async (who: Who) => (await t.get(who, '/api/v1/projects/summary')).json() as { total: { count: number }; byType: Array<{ type: string; count: number; totalInvestment: number }> };
    const leaderA = await summary('leaderA');
    expect(leaderA.byType).toHaveLength(8);
    expect(leaderA.total.count).toBe((await ids('leaderA')).length);
    expect((await summary('entA')).total.count).toBe(0);
  });

  it('sums investment by type and exports the list as XLSX', async () => {
    await create({ type: 'ecology', leaderId: t.d.leaderA, unitId: t.d.unitC, totalInvestment: 5_000, plannedInvestmentYear: 1_200, name: '霁川区长泓河综合治理工程' });
    const res = await t.get('handlerC', '/api/v1/projects/summary');
    const body = res.json() as { unit: string; byType: Array<{ type: string; typeName: string; count: number; totalInvestment: number; plannedInvestmentYear: number; investmentCompleted: number }> };
    expect(body.unit).toBe('万元');
    expect(body.byType.find((r) => r.type === 'ecology')).toEqual({ type: 'ecology', typeName: '生态', count: 1, totalInvestment: 5_000, plannedInvestmentYear: 1_200, investmentCompleted: 0 });

    const xlsx = await t.get('handlerC', '/api/v1/projects/export.xlsx?type=ecology');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // Read back with the API's own exceljs.
    const ExcelJS = createRequire(new URL('../../services/api/package.json', import.meta.url))('exceljs') as typeof import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('重点项目');
    expect(ws?.getRow(1).getCell(2).value).toBe('项目名称');
    expect(ws?.getRow(2).values).toEqual([undefined, 1, '霁川区长泓河综合治理工程', '生态', 5_000, 1_200, 0, '甲领导', '丙局', addDays(today(), -60), addDays(today(), 400), '未开工', 0, 0]);
    expect(ws?.getRow(3).getCell(4).value).toBe(5_000);
    expectProblem(await t.get('entA', '/api/v1/projects/export.xlsx'), 403);
    // Nothing about projects answers without signing in.
    for (const url of [
      '/api/v1/projects',
      '/api/v1/projects/types',
      '/api/v1/projects/summary',
      '/api/v1/projects/lagging',
      '/api/v1/projects/reports/missing',
      '/api/v1/projects/reports/schedule?from=2026-11-01&to=2026-11-30',
      '/api/v1/projects/export.xlsx',
    ]) {
      expectProblem(await t.get(null, url), 401);
    }
  });
});

describe('the monthly pack (每月推进会)', () => {
  it('carries the late milestones by leader and unit and the investment by type, in JSON and in its XLSX', async () => {
    const name = `滞后节点测试项目-${Math.random().toString(36).slice(2, 8)}`;
    const p = await create({ name });
    await ok('leaderB', `/api/v1/projects/${p.id}/milestones`, { milestones: [{ name: '规划许可', dueOn: addDays(today(), -6) }] }, 201);
    await ok('headB', `/api/v1/projects/${p.id}/start`);
    const month = today().slice(0, 7);

    const pack = (await t.get('supervisor', `/api/v1/reports/monthly-pack?month=${month}`)).json() as {
      sections: {
        projects: {
          investment: { byType: Array<{ type: string }> };
          lateMilestones: { groups: Array<{ leaderId: string; unitId: string; milestones: Array<{ projectName: string; name: string }> }> };
        };
      };
    };
    expect(pack.sections.projects.investment.byType).toHaveLength(8);
    const group = pack.sections.projects.lateMilestones.groups.find((g) => g.milestones.some((m) => m.projectName === name));
    expect(group).toMatchObject({ leaderId: t.d.leaderB, unitId: t.d.unitB });
    expect(group?.milestones.find((m) => m.projectName === name)?.name).toBe('规划许可');

    const xlsx = await t.get('supervisor', `/api/v1/reports/monthly-pack.xlsx?month=${month}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new Excel.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(-3)).toEqual(['重点项目投资', '滞后节点', '未报进度']);
    const rows = (wb.getWorksheet('滞后节点')?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['分包领导', '责任单位', '项目', '节点', '计划完成', '进度%', '滞后天数']);
    // Due at the end of its day, six days ago: five whole days late.
    expect(rows.find((r) => r[2] === name)).toEqual(['乙领导', '乙局', name, '规划许可', addDays(today(), -6), 0, 5]);
    expect(wb.getWorksheet('重点项目投资')?.getRow(10).getCell(1).value).toBe('合计');
  });
});

describe('bad input', () => {
  it('is refused with 400 naming the field, and writes nothing', async () => {
    const before = await projectRows();
    const refused = async (over: Record<string, unknown>, field: string) => {
      const body = expectProblem(await t.api.call(t.as('dispatcher'), 'POST', '/api/v1/projects', projectBody(over)), 400);
      expect(fieldsOf(body)).toContain(field);
    };
    await refused({ totalInvestment: -1 }, 'totalInvestment');
    await refused({ plannedInvestmentYear: -5 }, 'plannedInvestmentYear');
    await refused({ totalInvestment: 100.5 }, 'totalInvestment');
    await refused({ type: 'spaceport' }, 'type');
    await refused({ plannedInvestmentYear: 200_000 }, 'plannedInvestmentYear');
    await refused({ startDate: '2026-02-30' }, 'startDate');
    await refused({ plannedCompletion: addDays(today(), -100) }, 'plannedCompletion');
    await refused({ startDate: '0000-01-01' }, 'startDate');
    expect(await projectRows()).toBe(before);
    expect(fieldsOf(expectProblem(await t.get('dispatcher', '/api/v1/projects?type=spaceport'), 400))).toEqual(['type']);
    expect(fieldsOf(expectProblem(await t.get('dispatcher', '/api/v1/projects/reports/schedule?from=2000-01-01&to=2099-12-31'), 400))).toEqual(['to']);
    // Days outside the API's range of dates (docs/api.md#dates) are refused before any span rule.
    expect(fieldsOf(expectProblem(await t.get('dispatcher', '/api/v1/projects/reports/schedule?from=1900-01-01&to=2026-12-31'), 400))).toEqual(['querystring.from']);
    const schedule = (await t.get('dispatcher', '/api/v1/projects/reports/schedule?from=2026-11-01&to=2026-12-31')).json() as { items: Array<{ start: string; end: string; dueAt: string }> };
    expect(schedule.items).toEqual([
      { start: '2026-11-01', end: '2026-11-15', dueAt: '2026-11-15T16:00:00.000Z' },
      { start: '2026-11-16', end: '2026-11-30', dueAt: '2026-11-30T16:00:00.000Z' },
      { start: '2026-12-01', end: '2026-12-15', dueAt: '2026-12-15T16:00:00.000Z' },
      { start: '2026-12-16', end: '2026-12-31', dueAt: '2026-12-31T16:00:00.000Z' },
    ]);
    expect(expectProblem(await t.api.call(t.as('dispatcher'), 'POST', '/api/v1/projects', projectBody({ unitId: t.d.newId() })), 422).errors?.[0]?.field).toBe('unitId');

    const p = await create();
    const completion = projectBody().plannedCompletion;
    const plan = await post('dispatcher', `/api/v1/projects/${p.id}/milestones`, {
      milestones: [
        { name: '开工', dueOn: addDays(today(), 10) },
        { name: '竣工', dueOn: addDays(completion, 1) },
      ],
    });
    expect(fieldsOf(expectProblem(plan, 400))).toEqual(['milestones.1.dueOn']);
    expect(await t.api.db.selectFrom('project_milestones').select('id').where('project_id', '=', p.id).execute()).toEqual([]);
    await ok('dispatcher', `/api/v1/projects/${p.id}/milestones`, { milestones: [{ name: '竣工', dueOn: completion }] }, 201);
    // Completion may not move before a planned milestone.
    expect(fieldsOf(expectProblem(await t.api.call(t.as('dispatcher'), 'PATCH', `/api/v1/projects/${p.id}`, { plannedCompletion: addDays(completion, -1) }), 400))).toEqual(['plannedCompletion']);
    expect(fieldsOf(expectProblem(await t.api.call(t.as('dispatcher'), 'PATCH', `/api/v1/projects/${p.id}`, { totalInvestment: -3 }), 400))).toEqual(['totalInvestment']);
    const patched = await t.api.call(t.as('dispatcher'), 'PATCH', `/api/v1/projects/${p.id}`, { totalInvestment: 150_000, expectedVersion: 2 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(expectProblem(await t.api.call(t.as('dispatcher'), 'PATCH', `/api/v1/projects/${p.id}`, { totalInvestment: 160_000, expectedVersion: 2 }), 409).code).toBe('project.stale_version');

    await ok('headB', `/api/v1/projects/${p.id}/start`);
    const reportRefused = async (body: Record<string, unknown>, status: number, field: string) => {
      const res = await post('handlerB', `/api/v1/projects/${p.id}/reports`, { investmentCompleted: 100, narrative: '进展', ...body });
      expect(fieldsOf(expectProblem(res, status))).toContain(field);
    };
    await reportRefused({ investmentCompleted: -1 }, 400, 'investmentCompleted');
    await reportRefused({ periodEnd: addDays(today(), 40) }, 400, 'periodEnd');
    await reportRefused({ periodEnd: '2026-11-16' }, 400, 'periodEnd');
    await reportRefused({ milestones: [{ milestoneId: t.d.newId(), percent: 10 }] }, 422, 'milestones.0.milestoneId');
    await reportRefused({ milestones: [{ milestoneId: t.d.newId(), percent: 101 }] }, 400, 'milestones.0.percent');
    expect(await t.api.db.selectFrom('progress_reports').select('id').where('project_id', '=', p.id).execute()).toEqual([]);
  });
});
