import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWorkingCalendar } from '@huiyin/calendar';
import { createDb, type Db } from '@huiyin/store';
import { laggingMilestones, projectSummary } from '@huiyin/engine';
import { seedDemo } from '@huiyin/cli/seed';
import { PLANNED_INVESTMENT_YEAR_WAN, PROJECT_TYPE_COUNTS, TOTAL_INVESTMENT_WAN, apportion } from '../../services/cli/src/seed/data/projects.ts';
import { ownDatabase } from '../support/own-database.ts';

let db: Db;
let own: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  own = await ownDatabase('projects_demo');
  db = createDb(own.url, { max: 4 });
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await own.drop();
});

const SYSTEM = { kind: 'system' } as const;

describe("the demo district's key projects", () => {
  it("load through the use cases with the demo district's figures: 162 projects by type, 131.93 and 30.587 billion yuan", async () => {
    const deps = { db, calendar: createWorkingCalendar(), clock: () => new Date() };
    await seedDemo(deps, { ifEmpty: true, issueCount: 10 });

    // The report's figures, written out here rather than read from the seed.
    const summary = await projectSummary(db, SYSTEM);
    const counts = Object.fromEntries(summary.byType.map((t) => [t.type, t.count]));
    expect(counts).toEqual({ industrial: 17, services: 39, big_data: 19, culture_tourism: 15, rural_revitalisation: 10, ecology: 10, urban_construction: 39, livelihood: 13 });
    expect(summary.total.count).toBe(162);
    expect(summary.total.totalInvestment).toBe(13_193_000);
    expect(summary.total.plannedInvestmentYear).toBe(3_058_700);
    // The same sums straight from the table, as integers.
    const sums = await sql<{
      n: number;
      total: string;
      planned: string;
    }>`select count(*)::int as n, sum(total_investment)::text as total, sum(planned_investment_year)::text as planned from projects`.execute(db);
    expect(sums.rows[0]).toEqual({ n: 162, total: '13193000', planned: '3058700' });
    expect(Object.values(PROJECT_TYPE_COUNTS).reduce((a, b) => a + b, 0)).toBe(162);
    expect([TOTAL_INVESTMENT_WAN, PLANNED_INVESTMENT_YEAR_WAN]).toEqual([13_193_000, 3_058_700]);

    // Every project has its four elements and a plan; the year's plan never exceeds the total.
    const n = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(db)).rows[0]?.n);
    expect(await n('select count(*) as n from projects where planned_investment_year > total_investment or total_investment <= 0')).toBe(0);
    expect(await n('select count(*) as n from projects p where not exists (select 1 from project_milestones m where m.project_id = p.id)')).toBe(0);
    expect(await n('select count(*) as n from projects p where not exists (select 1 from project_members t where t.project_id = p.id)')).toBe(0);
    expect(await n('select count(distinct leader_id) as n from projects')).toBeGreaterThan(10);
    // Some milestones done, some late; some reports, a few problems handed over as linked issues.
    expect(await n(`select count(*) as n from project_milestones where state = 'done'`)).toBeGreaterThan(20);
    expect(await n(`select count(*) as n from project_milestones where state = 'late'`)).toBeGreaterThan(10);
    expect(await n('select count(*) as n from progress_reports')).toBeGreaterThan(20);
    expect(await n('select count(*) as n from project_problems pp join issues i on i.id = pp.issue_id and i.project_id = pp.project_id')).toBe(6);
    expect((await db.selectFrom('projects').select('state').distinct().execute()).map((r) => r.state).sort()).toEqual(['completed', 'planned', 'suspended', 'underWay']);
    // The ledger and the version agree on every project.
    expect(await n('select count(*) as n from projects p where p.version <> (select count(*) from project_events e where e.project_id = p.id)')).toBe(0);
    const lagging = await laggingMilestones(db, SYSTEM, new Date());
    expect(lagging.late).toBe(
      await n(`select count(*) as n from project_milestones m join projects p on p.id = m.project_id where m.state <> 'done' and m.due_at <= now() and p.state <> 'completed'`),
    );
    expect(lagging.groups.length).toBeGreaterThan(3);
  }, 180_000);

  it('apportions integers that sum exactly, within their caps', () => {
    const parts = apportion(1_000, [1, 2, 3, 4], 10);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(parts).toEqual([...parts].sort((a, b) => a - b));
    const capped = apportion(100, [1, 1, 10], 1, [50, 50, 20]);
    expect(capped.reduce((a, b) => a + b, 0)).toBe(100);
    expect(capped[2]).toBeLessThanOrEqual(20);
    expect(() => apportion(10, [1, 1], 1, [3, 3])).toThrow(RangeError);
  });
});
