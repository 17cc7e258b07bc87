import { expect } from 'vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep } from '@huiyin/engine';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';

export type Who = keyof SmallDistrict['people'] | 'entA' | 'entB';

/**
 * The real API on a test clock (the engine's `clock`) and a database of the file's own (a bulletin
 * reads every unit's rows, so other files' data must not be in it), with one small district
 * signed in: the reports suites build their fixtures through the real use cases at chosen instants.
 */
export async function openReportsDistrict(name: string, env: Record<string, string> = {}) {
  let clock = new Date('2026-05-06T01:00:00Z');
  const now = () => clock;
  const own = await ownDatabase(name);
  // Sessions must outlive the clock's jumps across a half-month.
  const api: TestApi = await startApi({ DATABASE_URL: own.url, SESSION_TTL_SECONDS: String(400 * 24 * 3600), ...env }, { clock: now });
  const d = await createDistrict(api.db);
  const tokens = new Map<Who, string>();
  for (const [who, p] of Object.entries({ ...d.people, entA: d.entA, entB: d.entB })) tokens.set(who as Who, await api.login(p.login));
  const as = (who: Who) => tokens.get(who) ?? '';
  const set = (at: Date | string) => {
    clock = new Date(at);
  };
  const act = (who: Who, id: string, action: string, body: object = {}) => api.call(as(who), 'POST', `/api/v1/issues/${id}/${action}`, body);
  async function ok(who: Who, id: string, action: string, body: object = {}) {
    const res = await act(who, id, action, body);
    expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
    return res.json() as { id: string; state: string; version: number };
  }
  async function file(who: Who = 'entA'): Promise<{ id: string; number: string }> {
    const res = await api.call(as(who), 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '厂区东侧道路未通电', description: '二期厂房已建成，道路照明和动力电未接通。' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string };
  }
  const get = (who: Who, url: string) => api.call(as(who), 'GET', url);
  const post = (who: Who, url: string, body: object) => api.call(as(who), 'POST', url, body);

  /** Fires the issue's claim clock's track, step by step, up to and including `until`, at the current clock. */
  async function fireClaimTrack(issueId: string, until: 'yellow' | 'red') {
    const deps = { db: api.db, calendar: createWorkingCalendar(), clock: now };
    for (let i = 0; i < 10; i++) {
      const c = await api.db
        .selectFrom('clocks')
        .select(['id', 'next_step', 'version', 'step'])
        .where('issue_id', '=', issueId)
        .where('kind', '=', 'claim')
        .where('status', '=', 'running')
        .executeTakeFirstOrThrow();
      if (c.step === until || !c.next_step) return;
      const r = await fireClockStep(deps, { clockId: c.id, step: c.next_step, version: c.version });
      expect(r.outcome).toBe('applied');
    }
  }
  async function close() {
    await api.close();
    await own.drop();
  }
  return { api, d, as, set, now, act, ok, file, get, post, fireClaimTrack, close, databaseUrl: own.url };
}

export type ReportsDistrict = Awaited<ReturnType<typeof openReportsDistrict>>;
