import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import type { QueueBackend } from '@huiyin/queues';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, type EngineDeps, type TimerRequest } from '@huiyin/engine';
import { clockJobOf, createClockTimers, createClockWorker, runClockStep, runOverdueSteps, type ClockJob } from '@huiyin/timers';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { openTestBackend } from '../support/queue-backend.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';

// A job fires its own step and, in the same transaction, other due steps (the close-of-day
// burst). No worker runs here unless a test starts one: each test arms clocks in SQL and fires.
const STEPS = ['reminded', 'yellow', 'red', 'leader', 'supervision'] as const;
const prefix = `${inject('redisPrefix')}_batches`;

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let deps: EngineDeps;
let backend: QueueBackend;
const set: TimerRequest[] = [];
const cancelled: string[] = [];
const port = { schedule: async (r: readonly TimerRequest[]) => void set.push(...r), cancel: async (r: readonly { clockId: string }[]) => void cancelled.push(...r.map((x) => x.clockId)) };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  own = await ownDatabase('timer_batches');
  backend = await openTestBackend(prefix, own.url);
  // Commands' timers are only recorded: nothing fires unless a test fires it.
  api = await startApi({ DATABASE_URL: own.url }, { timers: { schedule: async () => {} } });
  deps = { db: api.db, calendar: createWorkingCalendar(), clock: () => new Date() };
  d = await createDistrict(api.db);
  // Days-long limits: no clock falls due by itself while a test runs, only those it arms.
  // No milestone plan is asked of them here (test/e2e/milestone-plan.test.ts has that rule).
  const days = JSON.stringify({ amount: 5, unit: 'workingDays' });
  await api.db
    .updateTable('categories')
    .set({ claim_limit: days, handling_limit: days, milestones_required_from: JSON.stringify({ amount: 1000, unit: 'workingDays' }) })
    .execute();
  for (const [who, p] of Object.entries({ dispatcher: d.people.dispatcher, entA: d.entA })) tokens[who] = await api.login(p.login);
}, 60_000);

afterAll(async () => {
  await backend?.close();
  await api?.close();
  await own?.drop();
}, 30_000);

async function dispatched(title: string): Promise<string> {
  const post = async (who: string, url: string, body: object) => {
    const res = await api.call(tokens[who] ?? '', 'POST', url, body);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as { id: string };
  };
  const issue = await post('entA', '/api/v1/issues', { categoryId: d.categoryId, title, description: '批量触发测试' });
  await post('dispatcher', `/api/v1/issues/${issue.id}/list`, {});
  await post('dispatcher', `/api/v1/issues/${issue.id}/dispatch`, {});
  return issue.id;
}

/** Puts a clock's next step at `step`, due a second ago, at a new version (as a command moving it would). */
async function arm(issueId: string, kind: 'claim' | 'handling', step: string, agoMs = 1000): Promise<ClockJob> {
  const { rows } = await sql<{ id: string; version: number; next_step_at: Date }>`
    update clocks set next_step = ${step}, next_step_at = now() - ${agoMs} * interval '1 millisecond', version = version + 1
    where issue_id = ${issueId} and kind = ${kind} and status = 'running'
    returning id, version, next_step_at`.execute(api.db);
  const c = rows[0];
  if (!c) throw new Error(`no running ${kind} clock`);
  return { clockId: c.id, step: step as ClockJob['step'], version: c.version, at: c.next_step_at.toISOString() };
}

/** Per issue: its version, its events, and each trackStep's mails (subjects without the issue number) and inbox rows. */
async function ledger(issueIds: string[]) {
  return Promise.all(
    issueIds.map(async (id) => {
      const issue = await api.db.selectFrom('issues').select(['version', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
      const events = await api.db.selectFrom('issue_events').select(['seq', 'type', 'payload']).where('issue_id', '=', id).orderBy('seq').execute();
      const mails = await api.db.selectFrom('outbox').select(['payload', 'dedupe_key']).where('issue_id', '=', id).where('dedupe_key', 'like', 'track-%').execute();
      const inbox = await api.db.selectFrom('notifications').select(['subject', 'dedupe_key']).where('issue_id', '=', id).where('dedupe_key', 'like', 'track-%').execute();
      const steps = events.filter((e) => e.type === 'trackStep').map((e) => (e.payload as { step: string }).step);
      const strip = (s: string) => s.replace(issue.number, '#');
      return {
        version: issue.version,
        seqs: events.map((e) => e.seq),
        steps,
        mails: mails
          .map((m) => ({ subject: strip((m.payload as { subject: string }).subject), to: [...(m.payload as { to: string[] }).to].sort() }))
          .sort((a, b) => a.subject.localeCompare(b.subject)),
        inbox: inbox.map((n) => strip(n.subject)).sort(),
      };
    }),
  );
}

describe('due steps fired in batches', () => {
  it('fires every due step with one job, each once, events at the right versions, the same mails and inbox rows as one by one', async () => {
    const batched = await Promise.all(STEPS.map((s) => dispatched(`步骤 ${s}`)));
    const single = await Promise.all(STEPS.map((s) => dispatched(`步骤 ${s}`)));
    // Both clocks of the first issue are due: two events, versions +1 and +2, in one transaction.
    const jobs = await Promise.all(batched.map((id, i) => arm(id, 'claim', STEPS[i] ?? 'reminded')));
    jobs.push(await arm(batched[0] ?? '', 'handling', 'reminded'));
    const before = await ledger(batched);

    set.length = 0;
    const first = jobs[2];
    if (!first) throw new Error('no job');
    const run = await runClockStep(deps, port, first);
    expect(run.outcome).toBe('applied');
    expect(run.alsoFired.map((f) => f.clockId).sort()).toEqual(
      jobs
        .filter((j) => j !== first)
        .map((j) => j.clockId)
        .sort(),
    );
    // The next timers of all six, set once the transaction committed (supervision is the last step).
    expect(set.map((t) => t.clockId).sort()).toEqual(
      jobs
        .filter((j) => j.step !== 'supervision')
        .map((j) => j.clockId)
        .sort(),
    );
    // Their own jobs are dropped from the timer backend, and one that still runs finds its step fired:
    // stale, and nothing more is written.
    expect(cancelled.sort()).toEqual(run.alsoFired.map((f) => f.clockId).sort());
    for (const job of jobs.filter((j) => j !== first)) expect((await runClockStep(deps, port, job)).outcome).toBe('stale');

    const after = await ledger(batched);
    after.forEach((a, i) => {
      const fired = i === 0 ? [STEPS[0], 'reminded'] : [STEPS[i]];
      expect(a.version).toBe((before[i]?.version ?? 0) + fired.length);
      // The event count is the version, and the sequence has no gap.
      expect(a.seqs).toEqual(Array.from({ length: a.version }, (_, k) => k + 1));
      expect(a.steps).toEqual(fired);
    });
    const orders = await api.db.selectFrom('supervision_orders').select('issue_id').where('issue_id', 'in', batched).execute();
    expect(orders.map((o) => o.issue_id)).toEqual([batched[4]]);

    // The same steps fired one job at a time write the same mails and inbox rows.
    for (const [i, id] of single.entries()) expect((await fireClockStep(deps, await arm(id, 'claim', STEPS[i] ?? 'reminded'))).outcome).toBe('applied');
    const one = await ledger(single);
    const strip = (l: Awaited<ReturnType<typeof ledger>>[number]) => ({ mails: l.mails, inbox: l.inbox });
    expect(after.slice(1).map(strip)).toEqual(one.slice(1).map(strip));
    // Every step told someone (a 督办单 goes to supervision, the leader and the unit heads).
    for (const l of after) expect(l.mails.length).toBeGreaterThan(0);
  });

  it('catches up steps overdue past the grace whose job never ran, once, and leaves those still within it to their jobs', async () => {
    const [late, recent] = await Promise.all([dispatched('追赶 迟'), dispatched('追赶 近')]);
    // A minute late and 0.1 s late, either side of a grace of 30 s: the recent one stays within it
    // however long a loaded machine takes to get to the catch-up (with 3 s and 2 s it need not).
    const lost = await arm(late ?? '', 'claim', 'yellow', 60_000);
    const due = await arm(recent ?? '', 'claim', 'yellow', 100);
    const before = await ledger([late ?? '', recent ?? '']);
    set.length = 0;
    cancelled.length = 0;
    // As a worker's catch-up does, with a grace of its own: only the step a minute late.
    const fired = await runOverdueSteps(deps, port, 30_000);
    expect(fired.map((f) => [f.clockId, f.step])).toEqual([[lost.clockId, 'yellow']]);
    expect(fired[0]?.lateMs).toBeGreaterThanOrEqual(60_000);
    expect(set.map((t) => [t.clockId, t.step])).toEqual([[lost.clockId, 'red']]);
    expect(cancelled).toEqual([lost.clockId]);
    // Its job, when it comes, does nothing; the other's job fires its own step.
    expect((await runClockStep(deps, port, lost, 0)).outcome).toBe('stale');
    expect((await runClockStep(deps, port, due, 0)).outcome).toBe('applied');
    expect(await runOverdueSteps(deps, port, 0)).toEqual([]);
    const after = await ledger([late ?? '', recent ?? '']);
    after.forEach((a, i) => {
      expect(a.version).toBe((before[i]?.version ?? 0) + 1);
      expect(a.steps).toEqual(['yellow']);
    });
  });

  it('leaves a step whose issue another transaction holds, and its own job then fires it once the issue is free', async () => {
    const [a, b] = await Promise.all([dispatched('持锁 A'), dispatched('持锁 B')]);
    const jobA = await arm(a, 'claim', 'reminded');
    const jobB = await arm(b, 'claim', 'reminded');
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const isLocked = new Promise<void>((r) => (locked = r));
    let holderPid = 0;
    const holder = api.db.transaction().execute(async (trx) => {
      holderPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid ?? 0;
      await trx.selectFrom('issues').select('id').where('id', '=', b).forUpdate().execute();
      locked();
      await released;
    });
    await isLocked;
    // The batch does not wait for B: it fires A and leaves B.
    const runA = await runClockStep(deps, port, jobA);
    expect(runA.outcome).toBe('applied');
    expect(runA.alsoFired).toEqual([]);
    // B's own job waits for the row, as a command would, and fires it.
    const runB = runClockStep(deps, port, jobB);
    // Released only once B's job waits on the holder: a fixed 300 ms pause could not tell, on a
    // loaded machine, whether it had got that far.
    const waitingOnHolder = async () => Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where ${holderPid} = any(pg_blocking_pids(pid))`.execute(api.db)).rows[0]?.n);
    expect(await until(waitingOnHolder, (n) => n >= 1, 30_000)).toBe(1);
    release();
    await holder;
    expect((await runB).outcome).toBe('applied');
    expect((await ledger([b]))[0]?.steps).toEqual(['reminded']);
  }, 90_000);

  it('stores each timer compactly, however far ahead, drops it by id, and retries a failing step with backoff', async () => {
    const timers = createClockTimers(backend);
    const [id] = await Promise.all([dispatched('重试')]);
    const clock = await api.db
      .selectFrom('clocks')
      .select(['id', 'version'])
      .where('issue_id', '=', id ?? '')
      .where('kind', '=', 'claim')
      .executeTakeFirstOrThrow();
    const far = { clockId: clock.id, step: 'supervision' as const, version: 9999, at: new Date(Date.now() + 100 * 86_400_000) };
    await timers.schedule([far]);
    const [job] = await timers.queue.getDelayed();
    expect(job && clockJobOf(job.data)).toEqual({ clockId: clock.id, step: 'supervision', version: 9999, at: far.at.toISOString() });
    // On Redis in its compact encoding (PostgreSQL keeps a row of the same few fields).
    if (backend.redis) expect(await backend.redis.call('OBJECT', 'ENCODING', `${prefix}:clock-steps:${job?.id}`)).toBe('listpack');
    // A timer whose step a batch fired is dropped, hash and all; another one stays.
    await timers.schedule([{ ...far, version: 10_000 }]);
    await timers.cancel([far]);
    expect((await timers.queue.getDelayed()).map((j) => clockJobOf(j.data).version)).toEqual([10_000]);
    expect(await timers.queue.getJob(job?.id ?? '')).toBeUndefined();
    await timers.queue.obliterate({ force: true });

    const due = await arm(id ?? '', 'claim', 'reminded');
    let failures = 0;
    const worker = createClockWorker(backend, async (j) => {
      if (failures < 2) {
        failures += 1;
        throw new Error('PostgreSQL went away for a moment');
      }
      await runClockStep(deps, timers, j);
    });
    try {
      await timers.schedule([{ ...due, at: new Date(due.at) }]);
      const steps = await until(
        async () => (await ledger([id ?? '']))[0]?.steps ?? [],
        (s) => s.length > 0,
        60_000,
      );
      expect(steps).toEqual(['reminded']);
      expect(failures).toBe(2);
    } finally {
      await worker.close();
      await timers.queue.obliterate({ force: true }).catch(() => undefined);
      await timers.close();
    }
  }, 120_000);
});
