import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { createWorkingCalendar } from '@huiyin/calendar';
import { ownDatabase } from '../support/own-database.ts';
import { insertCategory } from '../support/category.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';

// Every deadline explained (GET /api/v1/issues/{id}/clocks/{kind}/explain), checked in the
// hidden-case style: the test walks the calendar day by day itself, asking it only what kind each
// date is, and recomputes each clock over National Day 2026 (1–7 October off, 10 October worked),
// a pause and an extension; the engine's explanation, its result and the stored due time must all
// agree with that walk. A database of its own: the engine's clock is set to autumn 2026.

const HOUR = 3_600_000;
const DAY = 86_400_000;
const PERIODS = [
  [9 * HOUR, 12 * HOUR],
  [13.5 * HOUR, 17.5 * HOUR],
] as const;
const kinds = createWorkingCalendar();
const sh = (text: string) => new Date(`${text}+08:00`);
const dateOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const midnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
const worked = (date: string) => ['workday', 'makeup_workday'].includes(kinds.day(date).kind);

/** The close of the nth worked day after `from`'s day, walked day by day. */
function walkDays(from: Date, n: number): Date {
  let at = midnight(dateOf(from.getTime()));
  for (let left = n; left > 0; ) {
    at += DAY;
    if (worked(dateOf(at))) left -= 1;
  }
  return new Date(at + 17.5 * HOUR);
}

/** Working milliseconds between two instants, period by period. */
function between(from: Date, to: Date): number {
  let sum = 0;
  for (let base = midnight(dateOf(from.getTime())); base < to.getTime(); base += DAY) {
    if (!worked(dateOf(base + HOUR))) continue;
    for (const [s, e] of PERIODS) sum += Math.max(0, Math.min(base + e, to.getTime()) - Math.max(base + s, from.getTime()));
  }
  return sum;
}

/** The earliest instant `ms` working milliseconds after `from`; nothing to add leaves it where it is. */
function walkMs(from: Date, ms: number): Date {
  if (ms === 0) return from;
  let left = ms;
  for (let base = midnight(dateOf(from.getTime())); ; base += DAY) {
    if (!worked(dateOf(base + HOUR))) continue;
    for (const [s, e] of PERIODS) {
      const begin = Math.max(base + s, from.getTime());
      if (begin >= base + e) continue;
      if (left <= base + e - begin) return new Date(begin + left);
      left -= base + e - begin;
    }
  }
}

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let now = sh('2026-09-28T10:00:00');
const tokens = new Map<string, string>();
type Who = 'entA' | 'entB' | 'dispatcher' | 'handlerA' | 'leaderA' | 'headB';

beforeAll(async () => {
  own = await ownDatabase('clock_explain');
  api = await startApi({ DATABASE_URL: own.url }, { calendarFromDb: true, clock: () => now });
  d = await createDistrict(api.db);
});
afterAll(async () => {
  await api?.close();
  await own?.drop();
});

/** Signed in at the engine's time: a session from before the clock moved on a week has ended. */
async function call(who: Who, method: 'GET' | 'POST', url: string, body?: object) {
  const key = `${who}@${now.toISOString()}`;
  if (!tokens.has(key)) tokens.set(key, await api.login({ ...d.people, entA: d.entA, entB: d.entB }[who].login));
  return api.call(tokens.get(key) ?? '', method, url, body);
}
async function act(who: Who, at: string, id: string, action: string, body: object = {}) {
  now = sh(at);
  const res = await call(who, 'POST', `/api/v1/issues/${id}/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
}

type Day = { date: string; kind: string; name?: string; counted: boolean; workingMs: number; declared: boolean };
type Step = {
  type: string;
  at: string;
  by: string | null;
  dueBefore: string | null;
  dueAfter: string;
  measure: string | null;
  counted: number;
  days: Day[];
  pause: { from: string; to: string | null; spanMs: number; creditMs: number } | null;
};
type Explanation = {
  kind: string;
  status: string;
  storedDueAt: string;
  dueAt: string;
  agrees: boolean;
  rule: { limit: { amount: number; unit: string } | null; source: string; setBy: string | null; categoryName: string };
  start: { event: string; at: string } | null;
  steps: Step[];
  provisional: boolean;
  undeclaredYears: number[];
  whatIf: {
    extension: { dueAt: string; refusal: string | null; extensionsLeft: number } | null;
    pause: { refusal: string | null; leftMs: number; allowanceLeftMs: number; resumesBy: string; dueAtIfResumedBy: string } | null;
  } | null;
};
async function explain(who: Who, id: string, kind: string, query = ''): Promise<Explanation> {
  const res = await call(who, 'GET', `/api/v1/issues/${id}/clocks/${kind}/explain${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Explanation;
}
const iso = (at: Date) => at.toISOString();

describe('a handling clock over National Day, with a pause and an extension', () => {
  let id = '';
  const filedAt = sh('2026-09-28T10:00:00');
  const dispatchedAt = sh('2026-09-28T14:00:00');
  const pausedAt = sh('2026-09-29T10:00:00');
  const resumedAt = sh('2026-10-09T11:00:00');

  beforeAll(async () => {
    const days = (amount: number) => ({ amount, unit: 'workingDays' as const });
    const categoryId = await insertCategory(api.db, { name: '用电报装', claim: days(1), handling: days(5), supplement: days(5), rating: days(3), milestonesRequiredFrom: days(30) });
    now = filedAt;
    const filed = await call('entA', 'POST', '/api/v1/issues', { categoryId, title: '厂区线路故障', description: '节前报修，节后仍未恢复供电。' });
    expect(filed.statusCode, filed.body).toBe(201);
    id = (filed.json() as { id: string }).id;
    await act('dispatcher', '2026-09-28T11:00:00', id, 'list', { assistingUnitIds: [d.unitB], pendingDocuments: [{ name: '用电申请表' }] });
    await act('dispatcher', '2026-09-28T14:00:00', id, 'dispatch');
    await act('handlerA', '2026-09-29T09:30:00', id, 'claim');
    await act('handlerA', '2026-09-29T09:40:00', id, 'first-contact', { channel: 'phone', note: '已联系' });
    await act('handlerA', '2026-09-29T10:00:00', id, 'request-info', { body: '请提供配电房平面图' });
    await act('entA', '2026-10-09T11:00:00', id, 'supply-info', { body: '已上传平面图' });
    await act('handlerA', '2026-10-09T14:00:00', id, 'extension', { amount: days(2), reason: '需协调供电公司' });
    await act('leaderA', '2026-10-09T15:00:00', id, 'extension/approve', {});
    now = sh('2026-10-09T16:00:00');
  });

  it('counts the limit from the dispatch, skips the holiday, works the make-up day, adds the pause back and the extension on', async () => {
    const limitDue = walkDays(dispatchedAt, 5);
    expect(iso(limitDue)).toBe(iso(sh('2026-10-10T17:30:00')));
    const credit = between(pausedAt, resumedAt);
    const afterPause = walkMs(limitDue, credit);
    const expected = walkDays(afterPause, 2);

    const e = await explain('handlerA', id, 'handling');
    expect(e).toMatchObject({ status: 'running', agrees: true, provisional: false, rule: { limit: { amount: 5, unit: 'workingDays' }, source: 'category', categoryName: '用电报装' } });
    expect(e.start).toEqual({ event: 'dispatch', seq: expect.any(Number), at: iso(dispatchedAt) });
    expect(e.dueAt).toBe(iso(expected));
    expect(e.storedDueAt).toBe(iso(expected));
    const detail = (await call('entA', 'GET', `/api/v1/issues/${id}`)).json() as { handlingDueAt: string };
    expect(detail.handlingDueAt).toBe(iso(expected));

    expect(e.steps.map((s) => s.type)).toEqual(['limit', 'pause', 'extension']);
    const [limit, pause, extension] = e.steps as [Step, Step, Step];
    // The limit: every day from the dispatch's to the due day, and which counted.
    expect(limit.dueAfter).toBe(iso(limitDue));
    const walked: Array<Pick<Day, 'date' | 'counted'>> = [];
    for (let at = midnight('2026-09-28'); at <= midnight('2026-10-10'); at += DAY) walked.push({ date: dateOf(at + HOUR), counted: at > midnight('2026-09-28') && worked(dateOf(at + HOUR)) });
    expect(limit.days.map((x) => ({ date: x.date, counted: x.counted }))).toEqual(walked);
    expect(limit.days.filter((x) => x.kind === 'holiday').map((x) => [x.date, x.name])).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((day) => [`2026-10-${day}`, '国庆节']));
    expect(limit.days.find((x) => x.date === '2026-10-10')).toMatchObject({ kind: 'makeup_workday', counted: true, declared: false });
    expect(limit.counted).toBe(5);
    // The pause: from the request to the supply, its working time added back day by day.
    expect(pause.pause).toMatchObject({ from: iso(pausedAt), to: iso(resumedAt), spanMs: credit, creditMs: credit });
    expect(pause).toMatchObject({ dueBefore: iso(limitDue), dueAfter: iso(afterPause), measure: 'workingTime', counted: credit });
    expect(pause.days.reduce((s, x) => s + x.workingMs, 0)).toBe(credit);
    for (const x of pause.days) expect(x.workingMs).toBe(between(new Date(Math.max(midnight(x.date), limitDue.getTime())), new Date(Math.min(midnight(x.date) + DAY, afterPause.getTime()))));
    // The extension: who approved it, and the two working days it added.
    expect(extension).toMatchObject({ by: 'leader-a', at: iso(sh('2026-10-09T15:00:00')), dueBefore: iso(afterPause), dueAfter: iso(expected), counted: 2 });
  });

  it('explains the listing, claim, assist and supplement clocks, each agreeing with the stored due time', async () => {
    const listing = await explain('dispatcher', id, 'listing');
    expect(listing).toMatchObject({ status: 'stopped', agrees: true, start: { event: 'file', at: iso(filedAt) }, dueAt: iso(walkDays(filedAt, 1)) });
    const claim = await explain('dispatcher', id, 'claim');
    expect(claim).toMatchObject({ status: 'stopped', agrees: true, start: { event: 'dispatch' }, dueAt: iso(walkDays(dispatchedAt, 1)) });
    const supplement = await explain('dispatcher', id, 'supplement');
    expect(supplement).toMatchObject({ agrees: true, start: { event: 'list' }, dueAt: iso(walkDays(sh('2026-09-28T11:00:00'), 5)) });
    // The assisting unit's: the lead's due time at dispatch, less one working day's working time.
    const lead = walkDays(dispatchedAt, 5);
    const assistDue = walkMs(dispatchedAt, between(dispatchedAt, lead) - between(walkDays(dispatchedAt, 1), walkDays(dispatchedAt, 2)));
    const assist = await explain('headB', id, 'assist', `?subject=${d.unitB}`);
    expect(assist).toMatchObject({ agrees: true, dueAt: iso(assistDue), rule: { margin: { amount: 1, unit: 'workingDays' } } });
    expect(assist.steps.map((s) => s.type)).toEqual(['limit', 'assistMargin']);
  });

  it('answers what an extension or a pause from now would give, and changes nothing', async () => {
    const version = async () => (await api.db.selectFrom('issues').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const before = await version();
    const stored = (await explain('handlerA', id, 'handling')).storedDueAt;
    const e = await explain('handlerA', id, 'handling', '?extendBy=3workingDays&pauseFrom=now');
    // One extension per issue by default: this one would be refused, and says so.
    expect(e.whatIf?.extension).toMatchObject({ dueAt: iso(walkDays(new Date(stored), 3)), refusal: 'issue.extensions_exhausted', extensionsLeft: 0 });
    const allowance = between(now, walkDays(now, 5)) - between(pausedAt, resumedAt);
    expect(e.whatIf?.pause).toMatchObject({
      refusal: null,
      leftMs: between(now, new Date(stored)),
      allowanceLeftMs: allowance,
      resumesBy: iso(walkMs(now, allowance)),
      dueAtIfResumedBy: iso(walkMs(new Date(stored), allowance)),
    });
    expect(e.dueAt).toBe(stored);
    expect(await version()).toBe(before);
    expect((await explain('handlerA', id, 'handling')).storedDueAt).toBe(stored);
  });

  it('is read by whoever may read the issue, and refuses what it cannot answer, naming the field', async () => {
    expect((await explain('entA', id, 'handling')).agrees).toBe(true);
    const other = await call('entB', 'GET', `/api/v1/issues/${id}/clocks/handling/explain`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'issue.not_found' });
    const none = await call('handlerA', 'GET', `/api/v1/issues/${id}/clocks/rating/explain`);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'clock.not_found' });
    const kind = await call('handlerA', 'GET', `/api/v1/issues/${id}/clocks/nope/explain`);
    expect(kind.statusCode).toBe(400);
    expect((kind.json() as { errors: Array<{ field: string }> }).errors.map((x) => x.field)).toEqual(['params.kind']);
    const amount = await call('handlerA', 'GET', `/api/v1/issues/${id}/clocks/handling/explain?extendBy=3days`);
    expect(amount.statusCode).toBe(400);
    expect((amount.json() as { errors: Array<{ field: string }> }).errors.map((x) => x.field)).toEqual(['querystring.extendBy']);
    const claim = await call('handlerA', 'GET', `/api/v1/issues/${id}/clocks/claim/explain?pauseFrom=now`);
    expect(claim.statusCode).toBe(400);
    expect((claim.json() as { errors: Array<{ field: string }> }).errors.map((x) => x.field)).toEqual(['querystring.pauseFrom']);
  });
});

describe('a pause still open', () => {
  it('adds nothing yet, and a pause from now is refused as the command would refuse it', async () => {
    const categoryId = await insertCategory(api.db, { claim: { amount: 1, unit: 'workingDays' }, handling: { amount: 3, unit: 'workingDays' } });
    now = sh('2026-11-16T09:00:00');
    const filed = await call('entA', 'POST', '/api/v1/issues', { categoryId, title: '暂停中', description: '等待企业补充。' });
    const id = (filed.json() as { id: string }).id;
    await act('dispatcher', '2026-11-16T09:10:00', id, 'list');
    await act('dispatcher', '2026-11-16T09:20:00', id, 'dispatch');
    await act('handlerA', '2026-11-16T09:30:00', id, 'claim');
    await act('handlerA', '2026-11-16T09:40:00', id, 'first-contact', { channel: 'phone', note: '已联系' });
    await act('handlerA', '2026-11-16T10:00:00', id, 'request-info', { body: '请补充产权证明' });
    now = sh('2026-11-18T10:00:00');
    const e = await explain('handlerA', id, 'handling', '?pauseFrom=now');
    expect(e).toMatchObject({ status: 'paused', agrees: true, dueAt: iso(walkDays(sh('2026-11-16T09:20:00'), 3)) });
    expect(e.steps.map((s) => s.type)).toEqual(['limit', 'pause']);
    expect(e.steps[1]).toMatchObject({ pause: { from: iso(sh('2026-11-16T10:00:00')), to: null, creditMs: 0 }, dueAfter: e.dueAt });
    expect(e.whatIf?.pause?.refusal).toBe('issue.wrong_state');
  });
});

describe('a limit the dispatcher chose, in working hours', () => {
  it('names who set it and counts each day’s working hours', async () => {
    const categoryId = await insertCategory(api.db, { claim: { amount: 1, unit: 'workingDays' }, handling: { amount: 3, unit: 'workingDays' } });
    now = sh('2026-09-30T15:00:00');
    const filed = await call('entA', 'POST', '/api/v1/issues', { categoryId, title: '节前急事', description: '节前最后一天报来的急事。' });
    const id = (filed.json() as { id: string }).id;
    await act('dispatcher', '2026-09-30T15:30:00', id, 'list', { timeLimit: { amount: 12, unit: 'workingHours' } });
    await act('dispatcher', '2026-09-30T16:00:00', id, 'dispatch');
    const e = await explain('dispatcher', id, 'handling');
    const due = walkMs(sh('2026-09-30T16:00:00'), 12 * HOUR);
    expect(e).toMatchObject({ agrees: true, dueAt: iso(due), rule: { source: 'dispatcher', setBy: 'dispatcher', limit: { amount: 12, unit: 'workingHours' } } });
    const [limit] = e.steps as [Step];
    expect(limit.days.filter((x) => x.workingMs > 0).map((x) => [x.date, x.workingMs / HOUR])).toEqual([
      ['2026-09-30', 1.5],
      ['2026-10-08', 7],
      ['2026-10-09', 3.5],
    ]);
  });
});

describe('a declared day', () => {
  it('is marked declared where an operator declared it, and the due time moves with it', async () => {
    const categoryId = await insertCategory(api.db, { claim: { amount: 2, unit: 'workingDays' } });
    now = sh('2026-12-07T10:00:00');
    const filed = await call('entA', 'POST', '/api/v1/issues', { categoryId, title: '申报', description: '一件普通的事。' });
    const id = (filed.json() as { id: string }).id;
    await act('dispatcher', '2026-12-07T10:30:00', id, 'list');
    await act('dispatcher', '2026-12-07T11:00:00', id, 'dispatch');
    const declared = await api.call(await api.login(d.people.admin.login), 'POST', '/api/v1/calendar/days', { source: '测试通知', days: [{ date: '2026-12-08', kind: 'holiday', name: '区庆' }] });
    expect(declared.statusCode, declared.body).toBeLessThan(300);
    const e = await explain('dispatcher', id, 'claim');
    // Recomputed with the declared day: 8 December off, so the 9th and 10th count (far from the other cases' days).
    expect(e).toMatchObject({ agrees: true, dueAt: iso(sh('2026-12-10T17:30:00')) });
    expect(e.steps[0]?.days.find((x) => x.date === '2026-12-08')).toMatchObject({ kind: 'holiday', name: '区庆', declared: true, counted: false });
  });
});

describe('a year with no declared holidays', () => {
  it('says the due time is provisional, counting its weekdays as working days', async () => {
    const categoryId = await insertCategory(api.db, { claim: { amount: 10, unit: 'workingDays' } });
    now = sh('2026-12-28T10:00:00');
    const filed = await call('entA', 'POST', '/api/v1/issues', { categoryId, title: '跨年', description: '跨年的签收时限。' });
    const id = (filed.json() as { id: string }).id;
    await act('dispatcher', '2026-12-28T10:30:00', id, 'list');
    await act('dispatcher', '2026-12-28T11:00:00', id, 'dispatch');
    const e = await explain('dispatcher', id, 'claim');
    expect(e).toMatchObject({ agrees: true, provisional: true, undeclaredYears: [2027], dueAt: iso(walkDays(sh('2026-12-28T11:00:00'), 10)) });
    // 1 January 2027 is a weekday nobody declared: it counts.
    expect(e.steps[0]?.days.find((x) => x.date === '2027-01-01')).toMatchObject({ kind: 'workday', counted: true });
  });
});

describe('any dispatch, pause and extension around National Day', () => {
  // Property-based: the engine's explanation, its stored due time and the test's own walk agree,
  // whatever the start, the limit, the pause (capped by the allowance) and the extension.
  const HANDLE = fc.integer({ min: 1, max: 8 });
  const START = fc.integer({ min: 0, max: 32 * 24 - 1 }).map((h) => new Date(sh('2026-09-14T00:00:00').getTime() + h * HOUR + 17 * 60_000));
  it('agrees with a day-by-day walk', async () => {
    const categories = new Map<number, string>();
    await fc.assert(
      fc.asyncProperty(
        START,
        HANDLE,
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 14 * 24 }),
        fc.integer({ min: 1, max: 3 }),
        async (dispatchedAt, n, pauseAt, pauseHours, ext) => {
          const limit = walkDays(dispatchedAt, n);
          let categoryId = categories.get(n);
          if (!categoryId) {
            categoryId = await insertCategory(api.db, {
              claim: { amount: 1, unit: 'workingDays' },
              handling: { amount: n, unit: 'workingDays' },
              milestonesRequiredFrom: { amount: 30, unit: 'workingDays' },
            });
            categories.set(n, categoryId);
          }
          const step = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19);
          now = dispatchedAt;
          const filed = await call('entA', 'POST', '/api/v1/issues', { categoryId, title: '性质测试', description: '随机的派单、暂停与延期。' });
          const id = (filed.json() as { id: string }).id;
          const t0 = dispatchedAt.getTime();
          await act('dispatcher', step(t0), id, 'list');
          await act('dispatcher', step(t0), id, 'dispatch');
          await act('handlerA', step(t0 + 1000), id, 'claim');
          await act('handlerA', step(t0 + 2000), id, 'first-contact', { channel: 'phone', note: '已联系' });
          const pausedAt = new Date(t0 + 3000 + Math.floor(((limit.getTime() - t0 - 3000) * pauseAt) / 1000) * 1000);
          const resumedAt = new Date(pausedAt.getTime() + pauseHours * HOUR);
          await act('handlerA', step(pausedAt.getTime()), id, 'request-info', { body: '请补充材料' });
          await act('entA', step(resumedAt.getTime()), id, 'supply-info', { body: '已补充' });
          const allowance = between(pausedAt, walkDays(pausedAt, n));
          const credit = Math.min(between(pausedAt, resumedAt), allowance);
          const afterPause = walkMs(limit, credit);
          let expected = afterPause;
          let steps = ['limit', 'pause'];
          // An extension asked a minute after the resume, if the due time has not passed by then.
          const asked = resumedAt.getTime() + 60_000;
          if (asked < afterPause.getTime()) {
            const amount = Math.min(ext, n);
            await act('handlerA', step(asked), id, 'extension', { amount: { amount, unit: 'workingDays' }, reason: '需协调' });
            await act('leaderA', step(asked + 60_000), id, 'extension/approve', {});
            expected = walkDays(afterPause, amount);
            steps = [...steps, 'extension'];
          }
          const e = await explain('handlerA', id, 'handling');
          expect(e.steps.map((s) => s.type)).toEqual(steps);
          expect(e.steps[1]?.pause).toMatchObject({ creditMs: credit, spanMs: between(pausedAt, resumedAt) });
          expect({ dueAt: e.dueAt, stored: e.storedDueAt, agrees: e.agrees }).toEqual({ dueAt: iso(expected), stored: iso(expected), agrees: true });
          // Each step's days: no weekend or holiday ever counted, and the working days counted are the amount.
          for (const s of e.steps) for (const x of s.days) if (x.counted) expect(['workday', 'makeup_workday']).toContain(x.kind);
          expect(e.steps[0]?.days.filter((x) => x.counted).length).toBe(n);
        },
      ),
      { numRuns: 6 },
    );
  }, 300_000);
});
