import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { insertCategory } from '../support/category.ts';
import { expectProblem, openDistrict, type E2eDistrict } from './e2e-district.ts';

// Changes to time-limit rules are recorded with who made them and the values before and after,
// a declared calendar day can be withdrawn, and changing a rule never re-sends a step already
// fired (docs/domain.md#limit-bounds).

let t: E2eDistrict;
let deps: EngineDeps;
let admin: string;

beforeAll(async () => {
  t = await openDistrict();
  deps = { db: t.api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  admin = await t.api.login(t.d.people.admin.login);
});
afterAll(() => t.close());

const seconds = (amount: number) => ({ amount, unit: 'seconds' as const });
type Change = { subject: string; subjectId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; by: { login: string } | null };
const changesOf = async (subjectId: string) => {
  const res = await t.api.call(admin, 'GET', '/api/v1/audit/policy-changes?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Change[] }).items.filter((c) => c.subjectId === subjectId);
};
const patch = async (categoryId: string, body: object) => {
  const res = await t.api.call(admin, 'PATCH', `/api/v1/categories/${categoryId}`, body);
  expect(res.statusCode, res.body).toBe(200);
};

// The reminder comes 2 s after dispatch.
const category = () => insertCategory(t.api.db, { track: { reminderBeforeSeconds: 118, yellowBeforeSeconds: 10, leaderAfterSeconds: 60, supervisionAfterSeconds: 120 } });

describe('a change to a category policy', () => {
  it('is recorded with its author and only the values it changed, for admins only', async () => {
    const categoryId = await category();
    await patch(categoryId, { handlingLimit: seconds(300) });
    await patch(categoryId, { handlingLimit: seconds(120), maxExtensions: 1 });
    const changes = await changesOf(categoryId);
    expect(changes).toEqual([
      expect.objectContaining({
        subject: 'category',
        before: { handlingLimit: seconds(300), maxExtension: seconds(300), maxPause: seconds(300) },
        after: { handlingLimit: seconds(120), maxExtension: seconds(120), maxPause: seconds(120) },
      }),
      expect.objectContaining({
        subject: 'category',
        before: { handlingLimit: seconds(120), maxExtension: seconds(120), maxPause: seconds(120) },
        after: { handlingLimit: seconds(300), maxExtension: seconds(300), maxPause: seconds(300) },
      }),
    ]);
    expect(changes[0]?.by?.login).toBe(t.d.people.admin.login);
    expectProblem(await t.api.call(await t.api.login(t.d.people.supervisor.login), 'GET', '/api/v1/audit/policy-changes'), 403);
  });

  it('never re-sends a step already fired when a limit moves out and back', async () => {
    const categoryId = await category();
    const issue = await t.file('entA', { categoryId });
    await t.ok('dispatcher', issue.id, 'list');
    await t.ok('dispatcher', issue.id, 'dispatch');
    const clock = await t.api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('kind', '=', 'handling').executeTakeFirstOrThrow();
    while (Date.now() <= (clock.next_step_at?.getTime() ?? 0) + 20) await new Promise((r) => setTimeout(r, 100));
    expect((await fireClockStep(deps, { clockId: clock.id, step: 'reminded', version: clock.version })).outcome).toBe('applied');
    await patch(categoryId, { handlingLimit: seconds(600) });
    await patch(categoryId, { handlingLimit: seconds(120) });
    const now = await t.api.db.selectFrom('clocks').selectAll().where('id', '=', clock.id).executeTakeFirstOrThrow();
    expect(now).toMatchObject({ step: 'reminded', next_step: 'yellow', due_at: clock.due_at });
    const steps = await t.api.db.selectFrom('issue_events').select('payload').where('issue_id', '=', issue.id).where('type', '=', 'trackStep').execute();
    expect(steps.map((s) => (s.payload as { step: string }).step)).toEqual(['reminded']);
    const recomputes = await t.api.db.selectFrom('issue_events').select('type').where('issue_id', '=', issue.id).where('type', '=', 'recomputeDue').execute();
    expect(recomputes).toHaveLength(2);
  });
});

describe('a declared calendar day', () => {
  it('can be withdrawn, and both the declaration and the withdrawal are recorded', async () => {
    const date = '2031-03-03';
    const declared = await t.api.call(admin, 'POST', '/api/v1/calendar/days', { source: '测试通知', days: [{ date, kind: 'holiday', name: '测试假日' }] });
    expect(declared.statusCode, declared.body).toBe(201);
    const withdrawn = await t.api.call(admin, 'DELETE', `/api/v1/calendar/days/${date}`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await t.api.db.selectFrom('calendar_days').select('kind').where('date', '=', date).execute()).toEqual([]);
    expect((await changesOf(date)).map((c) => [c.before, c.after])).toEqual([
      [{ kind: 'holiday', name: '测试假日', source: '测试通知' }, null],
      [null, { kind: 'holiday', name: '测试假日', source: '测试通知' }],
    ]);
    expect(expectProblem(await t.api.call(admin, 'DELETE', `/api/v1/calendar/days/${date}`), 404).code).toBe('calendar.day_not_declared');
    expectProblem(await t.api.call(await t.api.login(t.d.people.dispatcher.login), 'DELETE', `/api/v1/calendar/days/${date}`), 403);
  });
});
