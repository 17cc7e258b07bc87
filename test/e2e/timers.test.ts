import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobWorker, QueueBackend } from '@huiyin/queues';
import { createWorkingCalendar } from '@huiyin/calendar';
import type { MailSink } from '@huiyin/mailsink';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { createClockTimers, createClockWorker, reconcileTimers, runTimerJob, type TimerJobData } from '@huiyin/timers';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';
import { startMailRelay, type MailRelay } from '../support/mail-relay.ts';
import { closeClockTimers } from '../support/clock-timers.ts';
import { loseQueueData, openTestBackend } from '../support/queue-backend.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// Seconds-long limits: claim 6 s; the track reminds 4 s and warns 2 s before the due time,
// goes to the leader 1 s after it and to supervision 2 s after it.
const POLICY = {
  reminderBeforeSeconds: 4,
  yellowBeforeSeconds: 2,
  leaderAfterSeconds: 1,
  supervisionAfterSeconds: 2,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let sink: MailSink;
let relay: MailRelay;
let backend: QueueBackend;
let timers: ReturnType<typeof createClockTimers>;
const workers: JobWorker<TimerJobData>[] = [];
let deps: EngineDeps;
const tokens: Record<string, string> = {};
const prefix = `${sharedRedisPrefix()}_timers`;
// Ceiling for waiting on the workers: `until` returns as soon as the steps are there, and a
// loaded machine (load 10+ on two cores) stretches seconds-long tracks. Lateness is bench's.
const WAIT_MS = 60_000;

function startWorker() {
  const w = createClockWorker(backend, (job) => runTimerJob(deps, timers, job));
  workers.push(w);
  return w;
}

beforeAll(async () => {
  own = await ownDatabase('timers');
  backend = await openTestBackend(prefix, own.url);
  timers = createClockTimers(backend);
  api = await startApi({ DATABASE_URL: own.url }, { timers });
  deps = { db: api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  d = await createDistrict(api.db);
  await api.db
    .updateTable('categories')
    .set({ track_policy: JSON.stringify(POLICY), claim_limit: JSON.stringify({ amount: 6, unit: 'seconds' }), handling_limit: JSON.stringify({ amount: 120, unit: 'seconds' }) })
    .where('id', '=', d.categoryId)
    .execute();
  for (const [who, p] of Object.entries({ ...d.people, entA: d.entA })) tokens[who] = await api.login(p.login);
  relay = await startMailRelay(api.db);
  sink = relay.sink;
  // Two worker processes' worth of workers on one queue: no step may fire twice.
  startWorker();
  startWorker();
}, 60_000);

afterAll(async () => {
  await relay.stop();
  await closeClockTimers(workers, timers, backend);
  await api.close();
  await own.drop();
});

const act = async (who: string, id: string, action: string, body: object = {}) => {
  const res = await api.call(tokens[who] ?? '', 'POST', `/api/v1/issues/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as { state: string; handlingDueAt: string | null; version: number };
};

async function dispatchedIssue(title: string) {
  const res = await api.call(tokens['entA'] ?? '', 'POST', '/api/v1/issues', { categoryId: d.categoryId, title, description: '时限测试' });
  expect(res.statusCode).toBe(201);
  const issue = res.json() as { id: string; number: string };
  await act('dispatcher', issue.id, 'list');
  await act('dispatcher', issue.id, 'dispatch');
  return issue;
}

const trackSteps = async (issueId: string, clock: string) =>
  (await api.db.selectFrom('issue_events').select(['payload', 'at']).where('issue_id', '=', issueId).where('type', '=', 'trackStep').orderBy('seq').execute())
    .map((e) => e.payload as { clock: string; step: string; lateMs: number })
    .filter((p) => p.clock === clock);

describe('the timeliness track on real timers', () => {
  it('walks an unclaimed issue to a 督办单, each step once, in order, none before its time, and a claim stops the claim track', async () => {
    const [walked, claimed] = await Promise.all([dispatchedIssue('无人签收的诉求'), dispatchedIssue('及时签收的诉求')]);
    await act('handlerA', claimed.id, 'claim');
    const steps = await until(
      () => trackSteps(walked.id, 'claim'),
      (s) => s.length >= 5,
      WAIT_MS,
    );
    expect(steps.map((s) => s.step)).toEqual(['reminded', 'yellow', 'red', 'leader', 'supervision']);
    // How late each came is bench's to measure (pnpm bench): on a loaded machine it is seconds.
    for (const s of steps) expect(s.lateMs).toBeGreaterThanOrEqual(0);
    const order = await api.db.selectFrom('supervision_orders').selectAll().where('issue_id', '=', walked.id).execute();
    expect(order).toHaveLength(1);
    const subjects = ['【即将到期】', '【黄牌预警】', '【红牌超期】', '【提级至分包领导】', '【督办单】'];
    await sink.waitFor((m) => m.subject.startsWith('【督办单】') && m.subject.includes(walked.number), WAIT_MS);
    const mails = sink.messages().filter((m) => m.subject.includes(walked.number) && subjects.some((s) => m.subject.startsWith(s)));
    // Oldest first: each step's mail once, in the track's order.
    expect(mails.map((m) => subjects.find((s) => m.subject.startsWith(s)))).toEqual(subjects);
    const order0 = mails.find((m) => m.subject.startsWith('【督办单】'));
    expect(order0?.to).toEqual(expect.arrayContaining([`supervisor-${d.tag}@test.local`, `leader-a-${d.tag}@test.local`]));
    // The claim has 2 s before the reminder is due, which a loaded machine may not keep: a
    // reminder that fired before the claim was due, but nothing of the claim track after it.
    const claimedEvents = await api.db.selectFrom('issue_events').select(['type', 'payload']).where('issue_id', '=', claimed.id).orderBy('seq').execute();
    const afterClaim = claimedEvents.slice(claimedEvents.findIndex((e) => e.type === 'claim'));
    expect(afterClaim[0]?.type).toBe('claim');
    expect(afterClaim.filter((e) => e.type === 'trackStep' && (e.payload as { clock: string }).clock === 'claim')).toEqual([]);
    const claimClock = await api.db.selectFrom('clocks').selectAll().where('issue_id', '=', claimed.id).where('kind', '=', 'claim').executeTakeFirstOrThrow();
    expect(claimClock).toMatchObject({ status: 'stopped', outcome: 'met' });
    const frozen = await api.db.selectFrom('timeliness').selectAll().where('issue_id', '=', claimed.id).execute();
    expect(frozen.filter((r) => r.what === 'claim')).toMatchObject([{ what: 'claim', on_time: true }]);

    // The leader must act; the unit head owes the 督办单 a written reply.
    const tasks = async (who: string) =>
      ((await api.call(tokens[who] ?? '', 'GET', '/api/v1/inbox')).json() as { items: Array<{ issueId: string; task: string }> }).items.filter((t) => t.issueId === walked.id).map((t) => t.task);
    expect(await tasks('leaderA')).toContain('escalated');
    const listed = (await api.call(tokens['supervisor'] ?? '', 'GET', `/api/v1/issues/${walked.id}`)).json() as { track: string };
    expect(listed.track).toBe('supervision');
    expect(await tasks('headA')).toContain('supervisionOrder');
    const orders = (await api.call(tokens['supervisor'] ?? '', 'GET', '/api/v1/supervision/orders?open=true')).json() as { items: Array<{ id: string; issueId: string }> };
    const mine = orders.items.find((o) => o.issueId === walked.id);
    expect(mine).toBeDefined();
    const url = `/api/v1/supervision/orders/${mine?.id}/reply`;
    expect((await api.call(tokens['handlerA'] ?? '', 'POST', url, { reply: '已签收' })).statusCode).toBe(403);
    expect((await api.call(tokens['headA'] ?? '', 'POST', url, { reply: '已于今日签收并安排专人办理，超期原因为人员调整。' })).statusCode).toBe(200);
    expect((await api.call(tokens['headA'] ?? '', 'POST', url, { reply: '再次回复' })).statusCode).toBe(409);
    expect(await tasks('headA')).not.toContain('supervisionOrder');
    const last = await api.db.selectFrom('issue_events').select(['type', 'seq']).where('issue_id', '=', walked.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last.type).toBe('supervisionReply');
  }, 180_000);

  it('walks the shorter green-channel track for an issue the dispatcher put on the green channel', async () => {
    const res = await api.call(tokens['entA'] ?? '', 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: '停电抢修', description: '紧急' });
    const issue = res.json() as { id: string };
    // The dispatcher keeps the category's 120 s limit (a green flag alone would give the green
    // channel's 24 h, test/e2e/green-flag.test.ts) to see the track.
    await act('dispatcher', issue.id, 'list', { greenChannel: true, timeLimit: { amount: 120, unit: 'seconds' } });
    await act('dispatcher', issue.id, 'dispatch');
    const plain = await dispatchedIssue('普通诉求');
    // The category's track reminds 4 s and warns 2 s before a 120 s limit; the green channel's
    // 3600 s and 1800 s before, so both come at once.
    const green = await until(
      () => trackSteps(issue.id, 'handling'),
      (s) => s.length >= 2,
      WAIT_MS,
    );
    expect(green.map((s) => s.step)).toEqual(['reminded', 'yellow']);
    expect(await trackSteps(plain.id, 'handling')).toEqual([]);
    const normal = await api.db.selectFrom('clocks').selectAll().where('issue_id', '=', plain.id).where('kind', '=', 'handling').executeTakeFirstOrThrow();
    expect(normal.next_step_at?.getTime()).toBe(normal.due_at.getTime() - 4000);
  }, 120_000);

  it('moves the handling due time by a pause and by an approved extension, and old timers find nothing to do', async () => {
    const issue = await dispatchedIssue('暂停与延期');
    await act('handlerA', issue.id, 'claim');
    const before = await api.db.selectFrom('clocks').selectAll().where('issue_id', '=', issue.id).where('kind', '=', 'handling').where('status', '<>', 'stopped').executeTakeFirstOrThrow();
    // The pause lasts from the request's commit to the supply's: at least the time between the
    // two calls, at most the time from the first call's start to the second's answer. (A fixed
    // bound of 3 s can be exceeded on a loaded machine by the two calls themselves.)
    const pausing = Date.now();
    await act('handlerA', issue.id, 'request-info', { body: '请补充用电负荷' });
    const paused = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    const resuming = Date.now();
    const resumed = await act('entA', issue.id, 'supply-info', { body: '负荷 3200 kW' });
    const moved = Date.parse(resumed.handlingDueAt ?? '') - before.due_at.getTime();
    expect(moved).toBeGreaterThanOrEqual(resuming - paused);
    expect(moved).toBeLessThanOrEqual(Date.now() - pausing);
    const stale = await fireClockStep(deps, { clockId: before.id, step: before.next_step ?? 'reminded', version: before.version });
    expect(stale.outcome).toBe('stale');
    await act('handlerA', issue.id, 'extension', { amount: { amount: 100, unit: 'seconds' }, reason: '需等待供电公司排期' });
    const approved = await act('leaderA', issue.id, 'extension/approve', { note: '同意' });
    expect(Date.parse(approved.handlingDueAt ?? '') - Date.parse(resumed.handlingDueAt ?? '')).toBe(100_000);
    const after = await api.db.selectFrom('clocks').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(after.due_at.toISOString()).toBe(new Date(Date.parse(approved.handlingDueAt ?? '')).toISOString());
    expect(after.version).toBeGreaterThan(before.version + 1);
  });

  it('fires everything that fell due while the backend had lost its timers, once reconciled', async () => {
    await Promise.all(workers.map((w) => w.pause()));
    const issue = await dispatchedIssue('Redis 丢失定时器');
    // The backend loses every job of this run (a FLUSHALL limited to our prefix, or its rows).
    expect(await loseQueueData(prefix, own.url)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 7000)); // the claim due time passes with no timer at all
    expect(await trackSteps(issue.id, 'claim')).toEqual([]);
    workers.forEach((w) => w.resume());
    const count = await reconcileTimers(api.db, timers);
    expect(count).toBeGreaterThan(0);
    const steps = await until(
      () => trackSteps(issue.id, 'claim'),
      (s) => s.length >= 4,
      WAIT_MS,
    );
    expect(steps.map((s) => s.step).slice(0, 4)).toEqual(['reminded', 'yellow', 'red', 'leader']);
  }, 120_000);
});
