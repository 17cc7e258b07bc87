import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import type { Actor, Role } from '@huiyin/domain';
import { createProject, getProject, listProjects, projectSummary } from '@huiyin/engine';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';

let api: TestApi;
let d: SmallDistrict;
type Made = { id: string; leaderId: string; unitId: string; team: string[] };
const made: Made[] = [];

beforeAll(async () => {
  api = await startApi();
  d = await createDistrict(api.db);
  const deps = { db: api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  const account = await api.db.selectFrom('accounts').select('id').where('official_id', '=', d.people.admin.id).executeTakeFirstOrThrow();
  const admin: Actor = { kind: 'official', accountId: account.id, officialId: d.people.admin.id, roles: ['admin'], unitId: null, leaderId: null };
  const combos = [
    [d.leaderA, d.unitA, []],
    [d.leaderB, d.unitB, [d.people.handlerC.id]],
    [d.leaderA, d.unitC, [d.people.handlerA.id]],
    [d.leaderB, d.unitA, []],
  ] as const;
  for (const [i, [leaderId, unitId, team]] of combos.entries()) {
    const p = await createProject(deps, {
      actor: admin,
      input: {
        name: `范围测试项目${i}-${d.tag}`,
        type: 'services',
        enterpriseId: null,
        totalInvestment: 1000 * (i + 1),
        planYear: 2026,
        plannedInvestmentYear: 100,
        leaderId,
        unitId,
        teamOfficialIds: [...team],
        startDate: '2026-01-01',
        plannedCompletion: '2027-12-31',
      },
    });
    made.push({ id: p.id, leaderId, unitId, team: [...team] });
  }
}, 60_000);
afterAll(() => api.close());

/** The rule, written out independently of the SQL. */
function mayRead(a: Actor, p: Made): boolean {
  if (a.kind !== 'official') return a.kind === 'system';
  if (a.roles.some((r) => r === 'dispatcher' || r === 'supervisor' || r === 'admin')) return true;
  if (a.roles.includes('leader') && a.leaderId === p.leaderId) return true;
  if ((a.roles.includes('handler') || a.roles.includes('unit_head')) && a.unitId === p.unitId) return true;
  return p.team.includes(a.officialId);
}

const roles: Role[] = ['handler', 'unit_head', 'leader', 'dispatcher', 'supervisor', 'admin'];

describe('project scoping', () => {
  const actor = fc.oneof(
    fc.record({
      kind: fc.constant('enterprise' as const),
      accountId: fc.constant('acc'),
      enterpriseId: fc
        .constantFrom(
          () => d.entA.id,
          () => d.entB.id,
        )
        .map((f) => f()),
    }),
    fc.record({
      kind: fc.constant('official' as const),
      accountId: fc.constant('acc'),
      officialId: fc.constantFrom('handlerA', 'handlerC', 'headB', 'leaderA').map((k) => d.people[k as keyof SmallDistrict['people']].id),
      roles: fc.subarray(roles, { minLength: 1, maxLength: 2 }),
      unitId: fc.constantFrom(0, 1, 2, 3).map((i) => [d.unitA, d.unitB, d.unitC, null][i] ?? null),
      leaderId: fc.constantFrom(0, 1, 2).map((i) => [d.leaderA, d.leaderB, null][i] ?? null),
    }),
  );

  test.prop([actor], { numRuns: 60 })('never shows a project the rule does not allow, and shows every one it does', async (a) => {
    const page = await listProjects(api.db, a, { limit: 200 });
    const listed = new Set(page.items.map((p) => p.id));
    for (const p of made) {
      expect(listed.has(p.id), `${JSON.stringify(a)} on ${JSON.stringify(p)}`).toBe(mayRead(a, p));
      const one = await getProject(api.db, a, p.id).then(
        () => true,
        (e: { code?: string }) => {
          expect(e.code).toBe('project.not_found');
          return false;
        },
      );
      expect(one).toBe(mayRead(a, p));
    }
    // The summary counts exactly what the list shows of this district's projects, or more for those who see all.
    const summary = await projectSummary(api.db, a);
    const services = summary.byType.find((t) => t.type === 'services');
    expect(services?.count ?? 0).toBeGreaterThanOrEqual(made.filter((p) => mayRead(a, p)).length);
  });
});
