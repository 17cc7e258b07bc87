import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { expectProblem, fieldsOf } from './e2e-district.ts';

// The database is shared with the files run before and after this one: this file declares days only in 2027 (no other
// suite computes due times there) and in 2043, which it owns.
let api: TestApi;
let d: SmallDistrict;
const tokens = new Map<string, string>();
const as = (who: 'admin' | 'handlerA' | 'entA') => tokens.get(who) ?? '';

beforeAll(async () => {
  api = await startApi({}, { calendarFromDb: true });
  d = await createDistrict(api.db);
  for (const [who, login] of [
    ['admin', d.people.admin.login],
    ['handlerA', d.people.handlerA.login],
    ['entA', d.entA.login],
  ] as const) {
    tokens.set(who, await api.login(login));
  }
});
afterAll(async () => {
  await api.close();
});

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const due = (who: 'admin' | 'handlerA' | 'entA' | null, params: Record<string, string>) => api.call(who ? as(who) : null, 'GET', `/api/v1/calendar/due?${q(params)}`);
const days = (from: string, to: string) => api.call(as('entA'), 'GET', `/api/v1/calendar/days?${q({ from, to })}`);
const declare = (who: 'admin' | 'handlerA' | 'entA' | null, body: unknown) => api.call(who ? as(who) : null, 'POST', '/api/v1/calendar/days', body);
const rowsOf = (...dates: string[]) => api.db.selectFrom('calendar_days').select(['kind', 'name', 'source', 'created_by']).where('date', 'in', dates).orderBy('date').execute();

describe('GET /api/v1/calendar/due', () => {
  it('puts Friday 10:00 + 1 working day at Monday 17:30 Shanghai, for any signed-in actor', async () => {
    for (const who of ['entA', 'handlerA'] as const) {
      const res = await due(who, { from: '2026-11-27T10:00:00+08:00', workingDays: '1' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        from: '2026-11-27T02:00:00.000Z',
        dueAt: '2026-11-30T09:30:00.000Z',
        dueAtShanghai: '2026-11-30 17:30',
        limit: { amount: 1, unit: 'workingDays' },
        // 2026's holidays are declared (chinese-days): the due time is final.
        provisional: false,
        undeclaredYears: [],
      });
    }
  });

  it('counts working hours only in working periods: Friday 17:00 + 2 h is Monday 10:30', async () => {
    const res = await due('entA', { from: '2026-11-27T09:00:00Z', workingHours: '2' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dueAt: '2026-11-30T02:30:00.000Z', dueAtShanghai: '2026-11-30 10:30', limit: { amount: 2, unit: 'workingHours' } });
  });

  it('reads an unencoded + before the offset (a space once decoded) as +', async () => {
    const res = await api.call(as('entA'), 'GET', '/api/v1/calendar/due?from=2026-11-27T10:00:00+08:00&workingDays=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dueAtShanghai).toBe('2026-11-30 17:30');
  });

  it('asks for a sign-in', async () => {
    expectProblem(await due(null, { from: '2026-11-27T10:00:00+08:00', workingDays: '1' }), 401);
  });

  it.each(['2026-11-27', '2026-11-27T10:00:00', 'yesterday', '2026-02-30T10:00:00+08:00', ''])('refuses from=%j with 400 naming from', async (from) => {
    const problem = expectProblem(await due('entA', { from, workingDays: '1' }), 400);
    expect(fieldsOf(problem)).toEqual(['querystring.from']);
  });

  it('refuses both workingDays and workingHours, and neither, with 400 naming both', async () => {
    const both = expectProblem(await due('entA', { from: '2026-11-27T10:00:00+08:00', workingDays: '1', workingHours: '2' }), 400);
    expect(fieldsOf(both)).toEqual(['querystring.workingDays', 'querystring.workingHours']);
    const neither = expectProblem(await due('entA', { from: '2026-11-27T10:00:00+08:00' }), 400);
    expect(fieldsOf(neither)).toEqual(['querystring.workingDays', 'querystring.workingHours']);
  });

  it.each(['0', '1001', '1.5', '-1', '1e2', 'two'])('refuses workingDays=%j and workingHours=%j with 400 naming it', async (amount) => {
    for (const field of ['workingDays', 'workingHours']) {
      const problem = expectProblem(await due('entA', { from: '2026-11-27T10:00:00+08:00', [field]: amount }), 400);
      expect(fieldsOf(problem)).toEqual([`querystring.${field}`]);
    }
  });

  it('answers the largest amount, 1000 working days, even from the last second of the range of dates', async () => {
    const res = await due('entA', { from: '2026-11-27T10:00:00+08:00', workingDays: '1000' });
    expect(res.statusCode, res.body).toBe(200);
    // The due time may fall past the range (docs/api.md#dates): only what is given is held to it.
    const far = await due('entA', { from: '2099-12-31T23:59:59+08:00', workingDays: '1000' });
    expect(far.statusCode, far.body).toBe(200);
    expect(far.json().dueAtShanghai).toMatch(/^210[34]-\d\d-\d\d 17:30$/);
    const beyond = await due('entA', { from: '9999-12-31T23:59:59Z', workingHours: '1000' });
    expect(fieldsOf(expectProblem(beyond, 400))).toEqual(['querystring.from']);
  });
});

describe('GET /api/v1/calendar/days', () => {
  it('lists the 2026 National Day break and its make-up Saturday', async () => {
    const res = await days('2026-09-28', '2026-10-11');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ date: string; kind: string; name?: string; declared: boolean }>;
    expect(items).toHaveLength(14);
    expect(items.find((i) => i.date === '2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', declared: false });
    expect(items.find((i) => i.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节', declared: false });
    expect(items.find((i) => i.date === '2026-09-29')).toEqual({ date: '2026-09-29', kind: 'workday', declared: false });
    expect(items.find((i) => i.date === '2026-10-11')).toEqual({ date: '2026-10-11', kind: 'weekend', declared: false });
  });

  it('marks a declared day, with its name, until it is withdrawn', async () => {
    // Saturday 2043-03-07, declared a make-up workday, then withdrawn: a weekend again, undeclared.
    const res = await declare('admin', { source: 'admin', days: [{ date: '2043-03-07', kind: 'makeup_workday', name: '测试调休' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect((await days('2043-03-06', '2043-03-08')).json().items).toEqual([
      { date: '2043-03-06', kind: 'workday', declared: false },
      { date: '2043-03-07', kind: 'makeup_workday', name: '测试调休', declared: true },
      { date: '2043-03-08', kind: 'weekend', declared: false },
    ]);
    const withdrawn = await api.call(as('admin'), 'DELETE', '/api/v1/calendar/days/2043-03-07');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await days('2043-03-07', '2043-03-07')).json().items).toEqual([{ date: '2043-03-07', kind: 'weekend', declared: false }]);
  });

  it('lists a whole leap year, 366 days', async () => {
    const res = await days('2028-01-01', '2028-12-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(366);
  });

  it('refuses more than 366 days, and to before from, with 400 naming to', async () => {
    expect(fieldsOf(expectProblem(await days('2026-01-01', '2027-02-04'), 400))).toEqual(['querystring.to']);
    expect(fieldsOf(expectProblem(await days('2026-01-01', '2027-01-02'), 400))).toEqual(['querystring.to']);
    expect(fieldsOf(expectProblem(await days('2026-10-02', '2026-10-01'), 400))).toEqual(['querystring.to']);
  });

  it('refuses a date that does not exist with 400 naming it', async () => {
    expect(fieldsOf(expectProblem(await days('2026-02-30', '2026-03-02'), 400))).toEqual(['querystring.from']);
    expect(fieldsOf(expectProblem(await days('2026-02-01', '2026/03/02'), 400))).toEqual(['querystring.to']);
  });
});

describe('POST /api/v1/calendar/days', () => {
  it('is for admins: a handler and an enterprise get 403, nobody signed in 401, and nothing is written', async () => {
    const body = { source: 'admin', days: [{ date: '2043-03-02', kind: 'holiday', name: '测试' }] };
    expect(expectProblem(await declare('handlerA', body), 403).code).toBe('auth.forbidden');
    expect(expectProblem(await declare('entA', body), 403).code).toBe('auth.forbidden');
    expectProblem(await declare(null, body), 401);
    expect(await rowsOf('2043-03-02')).toEqual([]);
  });

  it('refuses bad days with 400 naming the entry, and writes none of the batch', async () => {
    const good = { date: '2043-03-03', kind: 'holiday' };
    const cases: Array<[unknown, string[]]> = [
      [{ source: 'admin', days: [good, { date: '2043-03-03', kind: 'holiday' }] }, ['days.1.date']],
      [{ source: 'admin', days: [good, { date: '2043-02-30', kind: 'holiday' }] }, ['days.1.date']],
      [{ source: 'admin', days: [good, { date: '2043-03-04', kind: 'weekend' }] }, ['days.1.kind']],
      [{ source: 'admin', days: [good, { date: '2143-03-04', kind: 'holiday' }] }, ['days.1.date']],
      [{ source: ' ', days: [good] }, ['source']],
      [{ days: [good] }, ['source']],
      [{ source: 'admin', days: [] }, ['days']],
    ];
    for (const [body, fields] of cases) {
      expect(fieldsOf(expectProblem(await declare('admin', body), 400)), JSON.stringify(body)).toEqual(fields);
    }
    expect(await rowsOf('2043-03-03', '2043-03-04')).toEqual([]);
  });

  it('declares 2027-01-01 and 2027-01-04 holidays, and the very next due time skips them', async () => {
    const params = { from: '2026-12-31T10:00:00+08:00', workingDays: '2' };
    // Thursday 31 Dec; chinese-days knows nothing of 2027, so Friday 1 and Monday 4 January are workdays.
    const before = await due('handlerA', params);
    expect(before.json().dueAtShanghai, before.body).toBe('2027-01-04 17:30');

    const res = await declare('admin', {
      source: '示例（非官方）：测试用 2027 年元旦安排',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    // Every open issue of the shared database is looked at; other files' clocks do not span these dates.
    expect(res.json()).toEqual({ count: 2, recompute: { recomputed: expect.any(Number), unchanged: expect.any(Number), skipped: expect.any(Number) } });

    // Friday and Monday are holidays now: Tuesday 5 and Wednesday 6 January are the two working days.
    const after = await due('handlerA', params);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json()).toMatchObject({ dueAt: '2027-01-06T09:30:00.000Z', dueAtShanghai: '2027-01-06 17:30' });

    const listed = (await days('2027-01-01', '2027-01-05')).json().items;
    expect(listed).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦', declared: true },
      { date: '2027-01-02', kind: 'weekend', declared: false },
      { date: '2027-01-03', kind: 'weekend', declared: false },
      { date: '2027-01-04', kind: 'holiday', name: '元旦', declared: true },
      { date: '2027-01-05', kind: 'workday', declared: false },
    ]);

    const admin = await api.db.selectFrom('accounts').select('id').where('login', '=', d.people.admin.login).executeTakeFirstOrThrow();
    const row = { kind: 'holiday', name: '元旦', source: '示例（非官方）：测试用 2027 年元旦安排', created_by: admin.id };
    expect(await rowsOf('2027-01-01', '2027-01-04')).toEqual([row, row]);
  });
});
