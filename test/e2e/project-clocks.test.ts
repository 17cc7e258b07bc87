import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobWorker, QueueBackend } from '@huiyin/queues';
import { createWorkingCalendar, endOfShanghaiDay, shanghaiDate } from '@huiyin/calendar';
import type { MailSink } from '@huiyin/mailsink';
import { fireClockStep, type EngineDeps } from '@huiyin/engine';
import { createClockTimers, createClockWorker, instantJobId, instantOf, reconcileTimers, runTimerJob, type TimerJobData } from '@huiyin/timers';
import { addDays, periodEndOn } from '../../workflows/project/src/report-periods.ts';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { callAs } from '../support/call-as.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';
import { startMailRelay, type MailRelay } from '../support/mail-relay.ts';
import { closeClockTimers } from '../support/clock-timers.ts';
import { openTestBackend } from '../support/queue-backend.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// A key project's milestone and report clocks on real timers, a worker and the SMTP sink. Their
// due times are the end of a Shanghai day (a milestone's day, a period's cutoff), so the engine's
// clock (API, timers and worker alike) runs ahead of the wall clock: the test starts 25 s before
// the end of the current report period's last day. The type's tracks are seconds long: reminder
// 6 s and yellow 3 s before the due time, leader 2 s and supervision 4 s after it.
const POLICY = {
  reminderBeforeSeconds: 6,
  yellowBeforeSeconds: 3,
  leaderAfterSeconds: 2,
  supervisionAfterSeconds: 4,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
const STEPS = ['reminded', 'yellow', 'red', 'leader', 'supervision'];
const SUBJECTS = ['【即将到期】', '【黄牌预警】', '【红牌超期】', '【提级至分包领导】', '【督办单】'];

const cutoff = periodEndOn(shanghaiDate(new Date()));
const due = endOfShanghaiDay(cutoff);
let shift = due.getTime() - 600_000 - Date.now();
const now = () => new Date(Date.now() + shift);

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
const prefix = `${sharedRedisPrefix()}_project_clocks`;
const TYPE = 'clock_test';
// Ceilings for waiting on the workers and the relay: `until` and waitFor return as soon as what
// they wait for is there; a loaded machine (load 10+ on two cores) stretches the tracks.
const WALK_MS = 90_000;
const MAIL_MS = 45_000;

beforeAll(async () => {
  own = await ownDatabase('project_clocks');
  backend = await openTestBackend(prefix, own.url);
  timers = createClockTimers(backend, now);
  api = await startApi({ DATABASE_URL: own.url }, { timers, clock: now });
  deps = { db: api.db, calendar: createWorkingCalendar(), clock: now };
  d = await createDistrict(api.db);
  await api.db
    .insertInto('project_types')
    .values({ code: TYPE, name: '时限测试类', name_en: 'clock test', sort: 99, track_policy: JSON.stringify(POLICY), report_track_policy: JSON.stringify(POLICY) })
    .execute();
  for (const [who, p] of Object.entries(d.people)) tokens[who] = await api.login(p.login);
  relay = await startMailRelay(api.db);
  sink = relay.sink;
  // Two workers on one queue: no step may fire twice.
  for (let i = 0; i < 2; i++) {
    workers.push(createClockWorker(backend, (job) => runTimerJob(deps, timers, job)));
  }
}, 60_000);

afterAll(async () => {
  await relay.stop();
  await closeClockTimers(workers, timers, backend);
  await api.close();
  await own.drop();
});

const call = callAs(() => api, tokens);

async function project(name: string, milestones: Array<{ name: string; dueOn: string }>) {
  const p = (await call(
    'dispatcher',
    'POST',
    '/api/v1/projects',
    {
      name,
      type: TYPE,
      totalInvestment: 50_000,
      planYear: Number(cutoff.slice(0, 4)),
      plannedInvestmentYear: 10_000,
      leaderId: d.leaderB,
      unitId: d.unitB,
      teamOfficialIds: [],
      startDate: addDays(cutoff, -40),
      plannedCompletion: addDays(cutoff, 90),
    },
    201,
  )) as { id: string };
  await call('leaderB', 'POST', `/api/v1/projects/${p.id}/milestones`, { milestones }, 201);
  await call('headB', 'POST', `/api/v1/projects/${p.id}/start`, {});
  const detail = (await call('headB', 'GET', `/api/v1/projects/${p.id}`)) as { milestones: Array<{ id: string; name: string }> };
  return { id: p.id, milestones: detail.milestones };
}

const clocksOf = (projectId: string) => api.db.selectFrom('clocks').selectAll().where('project_id', '=', projectId).orderBy('started_at').orderBy('kind').execute();
const trackSteps = async (projectId: string, kind: string, subject: string) =>
  (await api.db.selectFrom('project_events').select(['payload', 'seq']).where('project_id', '=', projectId).where('type', '=', 'trackStep').orderBy('seq').execute())
    .map((e) => e.payload as { clock: string; subject: string; step: string; lateMs: number })
    .filter((p) => p.clock === kind && p.subject === subject);

describe("key projects' clocks on real timers", () => {
  let walked: Awaited<ReturnType<typeof project>>;
  let done: Awaited<ReturnType<typeof project>>;
  let replanned: { id: string; version: number; step: string } | undefined;
  let suspended: Awaited<ReturnType<typeof project>>;

  beforeAll(async () => {
    // The engine's clock jumps to 25 s before the cutoff; only then are the clocks started.
    shift = due.getTime() - 25_000 - Date.now();
    walked = await project(`滞后节点项目-${d.tag}`, [
      { name: '主体封顶', dueOn: cutoff },
      { name: '设备进场', dueOn: cutoff },
    ]);
    done = await project(`按期完成项目-${d.tag}`, [{ name: '竣工验收', dueOn: cutoff }]);
    suspended = await project(`暂缓项目-${d.tag}`, [{ name: '方案调整', dueOn: addDays(cutoff, 20) }]);
    await call('leaderB', 'POST', `/api/v1/projects/${suspended.id}/suspend`, { reason: '业主调整建设方案' });
    // The second milestone of the first project is replanned to the next day at once.
    const second = walked.milestones[1]?.id ?? '';
    const before = await api.db.selectFrom('clocks').selectAll().where('project_id', '=', walked.id).where('subject', '=', second).executeTakeFirstOrThrow();
    replanned = { id: before.id, version: before.version, step: before.next_step ?? '' };
    await call('leaderB', 'POST', `/api/v1/projects/${walked.id}/milestones/${second}/replan`, { dueOn: addDays(cutoff, 1), reason: '设备到港延后' });
    // The other project's unit reports its only milestone done, and so its period's report, on time.
    await call(
      'handlerB',
      'POST',
      `/api/v1/projects/${done.id}/reports`,
      { investmentCompleted: 48_000, narrative: '已竣工验收。', milestones: [{ milestoneId: done.milestones[0]?.id, percent: 100 }] },
      201,
    );
  }, 30_000);

  it('walks a late milestone reminder → yellow → red → leader → supervision, each once, with its machine events, mails and a 督办单', async () => {
    const first = walked.milestones[0];
    const steps = await until(
      () => trackSteps(walked.id, 'milestone', first?.id ?? ''),
      (s) => s.length >= 5,
      WALK_MS,
    );
    expect(steps.map((s) => s.step)).toEqual(STEPS);
    // None before its time; how late is bench's to measure (pnpm bench), seconds under load.
    for (const s of steps) expect(s.lateMs).toBeGreaterThanOrEqual(0);
    // The reminder was the milestone machine's dueSoon, the red card its overdue, on the project's ledger.
    const events = await api.db.selectFrom('project_events').select(['type', 'seq', 'milestone_id']).where('project_id', '=', walked.id).orderBy('seq').execute();
    const own = events.filter((e) => e.milestone_id === first?.id).map((e) => e.type);
    expect(own).toEqual(['milestone.dueSoon', 'trackStep', 'trackStep', 'milestone.overdue', 'trackStep', 'trackStep', 'trackStep']);
    // The ledger's sequence stays the project's version: one event per change.
    const row = await api.db.selectFrom('projects').select('version').where('id', '=', walked.id).executeTakeFirstOrThrow();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
    const m = await api.db
      .selectFrom('project_milestones')
      .select(['state', 'track'])
      .where('id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(m).toEqual({ state: 'late', track: 'supervision' });
    const orders = await api.db.selectFrom('supervision_orders').selectAll().where('project_id', '=', walked.id).execute();
    const clock = await api.db
      .selectFrom('clocks')
      .select('id')
      .where('project_id', '=', walked.id)
      .where('subject', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(orders.filter((o) => o.clock_id === clock.id)).toMatchObject([{ unit_id: d.unitB, issue_id: null }]);

    const mine = `节点「${first?.name}」`;
    await sink.waitFor((mail) => mail.subject.startsWith('【督办单】') && mail.subject.includes(mine) && mail.subject.includes(d.tag), MAIL_MS);
    const mails = sink.messages().filter((mail) => mail.subject.includes(mine) && mail.subject.includes(d.tag));
    expect(mails.map((mail) => SUBJECTS.find((s) => mail.subject.startsWith(s)))).toEqual(SUBJECTS);
    const to = (i: number) => mails[i]?.to ?? [];
    expect(to(0)).toEqual(expect.arrayContaining([`handler-b-${d.tag}@test.local`, `head-b-${d.tag}@test.local`]));
    expect(to(3)).toEqual([`leader-b-${d.tag}@test.local`]);
    expect(to(4)).toEqual(expect.arrayContaining([`supervisor-${d.tag}@test.local`, `leader-b-${d.tag}@test.local`, `head-b-${d.tag}@test.local`]));
    expect(to(4)).not.toContain(`handler-b-${d.tag}@test.local`);
    // The mail carries the console path of the project (the mailer prefixes the public URL).
    const outbox = await api.db.selectFrom('outbox').select(['payload', 'issue_id']).where('dedupe_key', 'like', `track-${clock.id}-%`).execute();
    expect(outbox.map((o) => [(o.payload as { link: string }).link, o.issue_id])).toEqual(STEPS.map(() => [`/projects/${walked.id}`, null]));
    // Each inbox row leads to the project.
    const inbox = await api.db.selectFrom('notifications').select(['link', 'issue_id']).where('subject', 'like', `【督办单】%${mine}`).execute();
    expect(inbox.length).toBeGreaterThan(0);
    for (const n of inbox) expect(n).toEqual({ link: `/projects/${walked.id}`, issue_id: null });
  }, 180_000);

  it('escalates a progress report not filed by its cutoff, starts the next period, and records the late report as missed', async () => {
    const steps = await until(
      () => trackSteps(walked.id, 'report', cutoff),
      (s) => s.length >= 5,
      WALK_MS,
    );
    expect(steps.map((s) => s.step)).toEqual(STEPS);
    await sink.waitFor((mail) => mail.subject.startsWith('【督办单】') && mail.subject.includes(`${cutoff} 期进度报告`) && mail.subject.includes(d.tag), MAIL_MS);
    const mails = sink.messages().filter((mail) => mail.subject.includes(`${cutoff} 期进度报告`) && mail.subject.includes(d.tag));
    expect(mails.map((mail) => SUBJECTS.find((s) => mail.subject.startsWith(s)))).toEqual(SUBJECTS);
    // The cutoff passed: the next period's clock runs.
    const next = periodEndOn(addDays(cutoff, 1));
    const reportClocks = (await clocksOf(walked.id)).filter((c) => c.kind === 'report');
    expect(reportClocks.map((c) => [c.subject, c.status])).toEqual([
      [cutoff, 'running'],
      [next, 'running'],
    ]);
    // Filed late, the report is late for good and its clock stops as missed.
    await call('handlerB', 'POST', `/api/v1/projects/${walked.id}/reports`, { periodEnd: cutoff, investmentCompleted: 12_000, narrative: '补报：主体施工滞后。' }, 201);
    const filed = await api.db.selectFrom('progress_reports').select('on_time').where('project_id', '=', walked.id).where('period_end', '=', cutoff).executeTakeFirstOrThrow();
    expect(filed.on_time).toBe(false);
    // Recorded once: the database refuses to rewrite it.
    await expect(api.db.updateTable('progress_reports').set({ on_time: true }).where('project_id', '=', walked.id).where('period_end', '=', cutoff).execute()).rejects.toThrow(/frozen/);
    const stopped = (await clocksOf(walked.id)).find((c) => c.kind === 'report' && c.subject === cutoff);
    expect(stopped).toMatchObject({ status: 'stopped', outcome: 'missed', next_step: null });
    expect((await clocksOf(walked.id)).filter((c) => c.kind === 'report' && c.status === 'running').map((c) => c.subject)).toEqual([next]);
  }, 180_000);

  it("leaves a replanned milestone's old timer with nothing to do, and walks nothing for a milestone and a report done on time", async () => {
    // By now the original due time is past by more than the whole track.
    await until(
      () => trackSteps(walked.id, 'milestone', walked.milestones[0]?.id ?? ''),
      (s) => s.length >= 5,
      WALK_MS,
    );
    const second = walked.milestones[1]?.id ?? '';
    expect(await trackSteps(walked.id, 'milestone', second)).toEqual([]);
    const stale = await fireClockStep(deps, { clockId: replanned?.id ?? '', step: (replanned?.step ?? 'reminded') as 'reminded', version: replanned?.version ?? 0 });
    expect(stale.outcome).toBe('stale');
    expect(await trackSteps(walked.id, 'milestone', second)).toEqual([]);
    const moved = await api.db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', replanned?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ status: 'running', step: 'on_time', next_step: 'reminded' });
    expect(moved.version).toBeGreaterThan(replanned?.version ?? 0);
    expect(moved.due_at.toISOString()).toBe(endOfShanghaiDay(addDays(cutoff, 1)).toISOString());
    expect(moved.next_step_at?.toISOString()).toBe(new Date(endOfShanghaiDay(addDays(cutoff, 1)).getTime() - 6000).toISOString());
    const state = await api.db.selectFrom('project_milestones').select(['state', 'track']).where('id', '=', second).executeTakeFirstOrThrow();
    expect(state).toEqual({ state: 'planned', track: 'on_time' });

    // The project whose milestone and report were done on time: both clocks stopped as met, no step fired.
    const clocks = await clocksOf(done.id);
    expect(
      clocks
        .filter((c) => c.status === 'stopped')
        .map((c) => [c.kind, c.outcome])
        .sort(),
    ).toEqual([
      ['milestone', 'met'],
      ['report', 'met'],
    ]);
    expect(clocks.filter((c) => c.status !== 'stopped').map((c) => [c.kind, c.subject])).toEqual([['report', periodEndOn(addDays(cutoff, 1))]]);
    const fired = await api.db.selectFrom('project_events').select('id').where('project_id', '=', done.id).where('type', '=', 'trackStep').execute();
    expect(fired).toEqual([]);
    expect(sink.messages().filter((mail) => mail.subject.includes('竣工验收') && mail.subject.includes(d.tag))).toEqual([]);
  }, 180_000);

  it("pauses a suspended project's report clock, and does not hold it to a cutoff that passed while it stood still", async () => {
    // The cutoff has passed (the first test waited for the whole track).
    const paused = (await clocksOf(suspended.id)).filter((c) => c.kind === 'report');
    expect(paused.map((c) => [c.subject, c.status, c.next_step])).toEqual([[cutoff, 'paused', null]]);
    expect(await trackSteps(suspended.id, 'report', cutoff)).toEqual([]);
    await call('supervisor', 'POST', `/api/v1/projects/${suspended.id}/resume`, {});
    const after = (await clocksOf(suspended.id)).filter((c) => c.kind === 'report');
    expect(after.map((c) => [c.subject, c.status, c.outcome])).toEqual([
      [cutoff, 'stopped', 'cancelled'],
      [periodEndOn(addDays(cutoff, 1)), 'running', null],
    ]);
  });

  it('the reconciler starts the clocks a project under way lacks, and sets their timers', async () => {
    const p = await project(`补起时钟项目-${d.tag}`, [{ name: '规划许可', dueOn: addDays(cutoff, 30) }]);
    // As a project from before the clocks existed: none at all.
    await api.db.deleteFrom('clocks').where('project_id', '=', p.id).execute();
    // On the engine's clock, as the timers are: by the wall clock a job days away could already be due.
    await reconcileTimers(api.db, timers, undefined, now);
    const clocks = await clocksOf(p.id);
    expect(clocks.map((c) => [c.kind, c.status]).sort()).toEqual([
      ['milestone', 'running'],
      ['report', 'running'],
    ]);
    // Each clock's instant has its job (days away: its minute's window job).
    const jobs = await Promise.all(clocks.map((c) => timers.queue.getJob(instantJobId(instantOf((c.next_step_at ?? now()).getTime(), now().getTime())))));
    expect(jobs.map((j) => j?.id ?? null)).not.toContain(null);
  });
});
