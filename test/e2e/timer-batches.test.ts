import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Tx } from '@huiyin/store';
import type { QueueBackend } from '@huiyin/queues';
import { createWorkingCalendar } from '@huiyin/calendar';
import { fireClockStep, markDraining, type EngineDeps, type TimerRequest } from '@huiyin/engine';
import { createClockTimers, createClockWorker, runOverdueSteps, runTimerJob, WINDOW_MS, type DueInstant } from '@huiyin/timers';
import { startApi, type TestApi } from '../support/api.ts';
import { createDistrict, type SmallDistrict } from '../support/district.ts';
import { openTestBackend } from '../support/queue-backend.ts';
import { ownDatabase } from '../support/own-database.ts';
import { until } from '../support/until.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// A drain job fires every due step, a batch per transaction (the close-of-day burst). No worker
// runs here unless a test starts one: each test arms clocks in SQL and runs the jobs by hand.
const STEPS = ['reminded', 'yellow', 'red', 'leader', 'supervision'] as const;
const prefix = `${sharedRedisPrefix()}_batches`;

let own: Awaited<ReturnType<typeof ownDatabase>>;
let api: TestApi;
let d: SmallDistrict;
let deps: EngineDeps;
let backend: QueueBackend;
const set: TimerRequest[] = [];
const armed: DueInstant[] = [];
const helpers: number[] = [];
// The timers as a drain sees them, recording what it sets.
const port = {
  schedule: async (r: readonly TimerRequest[]) => void set.push(...r),
  arm: async (i: readonly DueInstant[]) => void armed.push(...i),
  helpers: async (_at: number, n: number) => void helpers.push(n),
};
/** A drain job (or helper) due a second ago, as the worker runs it. */
const drain = (options: { limit?: number; helpers?: number } = {}, name: 'drain' | 'helper' = 'drain') => runTimerJob(deps, port, { name, at: Date.now() - 1000 }, options);
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

/** Holds what `lock` takes in a transaction of its own, once it is held, until the returned release is called. */
async function holding(lock: (trx: Tx) => Promise<unknown>): Promise<() => Promise<void>> {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  let locked = () => {};
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = api.db.transaction().execute(async (trx) => {
    await lock(trx);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holder;
  };
}

/** Puts a clock's next step at `step`, due a second ago, at a new version (as a command moving it would). */
type Armed = { clockId: string; step: TimerRequest['step']; version: number; at: string };
async function arm(issueId: string, kind: 'claim' | 'handling', step: string, agoMs = 1000): Promise<Armed> {
  const { rows } = await sql<{ id: string; version: number; next_step_at: Date }>`
    update clocks set next_step = ${step}, next_step_at = now() - ${agoMs} * interval '1 millisecond', version = version + 1
    where issue_id = ${issueId} and kind = ${kind} and status = 'running'
    returning id, version, next_step_at`.execute(api.db);
  const c = rows[0];
  if (!c) throw new Error(`no running ${kind} clock`);
  return { clockId: c.id, step: step as Armed['step'], version: c.version, at: c.next_step_at.toISOString() };
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

describe('due steps drained in batches', () => {
  it('fires every due step with one drain, each once, events at the right versions, the same mails and inbox rows as one by one', async () => {
    const batched = await Promise.all(STEPS.map((s) => dispatched(`步骤 ${s}`)));
    const single = await Promise.all(STEPS.map((s) => dispatched(`步骤 ${s}`)));
    // Both clocks of the first issue are due: two events, versions +1 and +2, in one transaction.
    const jobs = await Promise.all(batched.map((id, i) => arm(id, 'claim', STEPS[i] ?? 'reminded')));
    jobs.push(await arm(batched[0] ?? '', 'handling', 'reminded'));
    const before = await ledger(batched);

    set.length = 0;
    const run = await drain();
    expect(run.batches).toBe(1);
    expect(run.fired.map((f) => f.clockId).sort()).toEqual(jobs.map((j) => j.clockId).sort());
    // The next timers of all six, set once the transaction committed (supervision is the last step).
    expect(set.map((t) => t.clockId).sort()).toEqual(
      jobs
        .filter((j) => j.step !== 'supervision')
        .map((j) => j.clockId)
        .sort(),
    );
    // A second drain of the same instant finds nothing, and writes nothing.
    expect((await drain()).fired).toEqual([]);

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

    // The same steps fired one at a time write the same mails and inbox rows.
    for (const [i, id] of single.entries()) expect((await fireClockStep(deps, await arm(id, 'claim', STEPS[i] ?? 'reminded'))).outcome).toBe('applied');
    const one = await ledger(single);
    const strip = (l: Awaited<ReturnType<typeof ledger>>[number]) => ({ mails: l.mails, inbox: l.inbox });
    expect(after.slice(1).map(strip)).toEqual(one.slice(1).map(strip));
    // Every step told someone (a 督办单 goes to supervision, the leader and the unit heads).
    for (const l of after) expect(l.mails.length).toBeGreaterThan(0);
  });

  it("gathers one person's notices of one step in a batch into one, on each channel, and still records every step", async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => dispatched(`合并 ${i}`)));
    const numbers = (await api.db.selectFrom('issues').select('number').where('id', 'in', ids).execute()).map((r) => r.number);
    await Promise.all(ids.map((id) => arm(id, 'claim', 'red')));
    const since = new Date(Date.now() - 1);
    const run = await drain();
    expect(run.fired).toHaveLength(6);
    // The red card goes to leader A and unit A's head: one notice each, listing all six issues.
    const account = async (officialId: string) => (await api.db.selectFrom('accounts').select('id').where('official_id', '=', officialId).executeTakeFirstOrThrow()).id;
    for (const who of [d.people.headA, d.people.leaderA]) {
      const inbox = await api.db
        .selectFrom('notifications')
        .selectAll()
        .where('account_id', '=', await account(who.id))
        .where('created_at', '>=', since)
        .execute();
      expect(inbox, who.login).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ issue_id: null, subject: '【红牌超期】6 件事项', link: '/open-list' });
      for (const n of numbers) expect(inbox[0]?.body).toContain(n);
    }
    const mails = await api.db.selectFrom('outbox').select(['payload', 'issue_id', 'dedupe_key']).where('topic', '=', 'mail').where('created_at', '>=', since).execute();
    const to = mails.flatMap((m) => (m.payload as { to: string[] }).to).sort();
    expect(to).toEqual([`head-a-${d.tag}@test.local`, `leader-a-${d.tag}@test.local`]);
    expect(mails.every((m) => m.issue_id === null && (m.payload as { subject: string }).subject === '【红牌超期】6 件事项')).toBe(true);
    // The ledger still has each step, and a second drain finds nothing to gather again.
    const steps = await api.db.selectFrom('issue_events').select('issue_id').where('issue_id', 'in', ids).where('type', '=', 'trackStep').execute();
    expect(steps).toHaveLength(6);
    expect((await drain()).fired).toEqual([]);
    expect(await api.db.selectFrom('outbox').select('id').where('created_at', '>=', since).execute()).toHaveLength(2);
  });

  it('drains batch after batch, asks for helpers once a batch comes back full, and two drains together fire each step once', async () => {
    const ids = await Promise.all(Array.from({ length: 7 }, (_, i) => dispatched(`分批 ${i}`)));
    await Promise.all(ids.map((id) => arm(id, 'claim', 'reminded')));
    helpers.length = 0;
    const run = await drain({ limit: 3, helpers: 2 });
    // 3 + 3 + 1: the first full batch asked for two helpers, once.
    expect(run.batches).toBe(3);
    expect(run.fired).toHaveLength(7);
    expect(helpers).toEqual([2]);
    // A helper drains the same way and asks for no helpers of its own.
    await Promise.all(ids.map((id) => arm(id, 'claim', 'yellow')));
    helpers.length = 0;
    const [a, b] = await Promise.all([drain({ limit: 2 }), drain({ limit: 2 }, 'helper')]);
    const fired = [...(a?.fired ?? []), ...(b?.fired ?? [])].map((f) => f.clockId);
    expect(fired).toHaveLength(7);
    expect(new Set(fired).size).toBe(7);
    expect(helpers.length).toBeLessThanOrEqual(1);
    for (const l of await ledger(ids)) expect(l.steps).toEqual(['reminded', 'yellow']);
  });

  it('fires a next step that is already due in its next batch, not as a timer of its own', async () => {
    const id = await dispatched('连续 到期');
    // Due a minute ago (so no step waits for working hours): its reminder, yellow and red cards are all due now.
    const reminded = await arm(id, 'claim', 'reminded');
    await sql`update clocks set due_at = now() - interval '1 minute' where id = ${reminded.clockId}`.execute(api.db);
    set.length = 0;
    const run = await drain();
    expect(run.fired.map((f) => [f.clockId, f.step])).toEqual([
      [reminded.clockId, 'reminded'],
      [reminded.clockId, 'yellow'],
      [reminded.clockId, 'red'],
    ]);
    expect(run.batches).toBe(3);
    // Only the leader's step, hours away, went to the timers.
    expect(set.filter((t) => t.clockId === reminded.clockId).map((t) => t.step)).toEqual(['leader']);
    expect((await ledger([id]))[0]?.steps).toEqual(['reminded', 'yellow', 'red']);
  });

  it('catches up steps overdue past the grace that no drain fired, once, and leaves those still within it to their drain', async () => {
    const [late, recent] = await Promise.all([dispatched('追赶 迟'), dispatched('追赶 近')]);
    // A minute late and 0.1 s late, either side of a grace of 30 s: the recent one stays within it
    // however long a loaded machine takes to get to the catch-up (with 3 s and 2 s it need not).
    const lost = await arm(late ?? '', 'claim', 'yellow', 60_000);
    await arm(recent ?? '', 'claim', 'yellow', 100);
    const before = await ledger([late ?? '', recent ?? '']);
    set.length = 0;
    // As a worker's catch-up does, with a grace of its own: only the step a minute late.
    const fired = await runOverdueSteps(deps, port, 30_000);
    expect(fired.map((f) => [f.clockId, f.step])).toEqual([[lost.clockId, 'yellow']]);
    expect(fired[0]?.lateMs).toBeGreaterThanOrEqual(60_000);
    expect(set.map((t) => [t.clockId, t.step])).toEqual([[lost.clockId, 'red']]);
    // The drain fires the other; nothing is left for the catch-up.
    expect((await drain()).fired.map((f) => f.step)).toEqual(['yellow']);
    expect(await runOverdueSteps(deps, port, 0)).toEqual([]);
    const after = await ledger([late ?? '', recent ?? '']);
    after.forEach((a, i) => {
      expect(a.version).toBe((before[i]?.version ?? 0) + 1);
      expect(a.steps).toEqual(['yellow']);
    });
  });

  it('leaves a step whose issue another transaction holds, and the catch-up fires it once the issue is free', async () => {
    const [a, b] = await Promise.all([dispatched('持锁 A'), dispatched('持锁 B')]);
    const armedA = await arm(a, 'claim', 'reminded');
    await arm(b, 'claim', 'reminded');
    const release = await holding((trx) => trx.selectFrom('issues').select('id').where('id', '=', b).forUpdate().execute());
    // The drain does not wait for B: it fires A and leaves B; so does the catch-up while B is held.
    expect((await drain()).fired.map((f) => f.clockId)).toEqual([armedA.clockId]);
    expect(await runOverdueSteps(deps, port, 0)).toEqual([]);
    await release();
    expect((await runOverdueSteps(deps, port, 0)).map((f) => f.step)).toEqual(['reminded']);
    expect((await ledger([b]))[0]?.steps).toEqual(['reminded']);
  }, 90_000);

  it('stands aside while a drain is mid-batch in any process, and fires the steps once that drain has died', async () => {
    const [held, free] = await Promise.all([dispatched('让行 在批中'), dispatched('让行 无人领')]);
    await arm(held, 'claim', 'yellow');
    // Another worker's drain caught mid-batch: its inbox rows (written with its mails, in one statement) wait for a table held here.
    const release = await holding((trx) => sql`lock table notifications in share mode`.execute(trx));
    // Its failure is awaited later: caught now, or it would be an unhandled rejection meanwhile.
    const other = drain().then(
      () => null,
      (err: unknown) => err,
    );
    try {
      const pid = await until(
        async () =>
          (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into "notifications"%'`.execute(api.db))
            .rows[0]?.pid,
        (p) => p !== undefined,
        30_000,
      );
      // A step falls due that the drain did not claim: only the drain's mark keeps the catch-up from it.
      await arm(free, 'claim', 'yellow');
      expect(await runOverdueSteps(deps, port, 0, { deferToDrains: 600_000 })).toEqual([]);
      expect((await ledger([free]))[0]?.steps).toEqual([]);
      // The drain's worker dies: PostgreSQL ends its transaction and lets the mark go with it
      // (the call waits up to 30 s for the backend to be gone).
      expect((await sql<{ gone: boolean }>`select pg_terminate_backend(${pid}, 30000) as gone`.execute(api.db)).rows[0]?.gone).toBe(true);
      expect(await other).toBeInstanceOf(Error);
    } finally {
      await release();
    }
    const fired = await runOverdueSteps(deps, port, 0, { deferToDrains: 600_000 });
    expect(fired.map((f) => f.step)).toEqual(['yellow', 'yellow']);
    for (const l of await ledger([held, free])) expect(l.steps).toEqual(['yellow']);
  }, 90_000);

  it('stands aside for a drain batch only while it is young: a batch hung in its transaction holds the catch-up back no longer than the bound', async () => {
    const id = await dispatched('让行 批已挂起');
    // A drain's batch whose worker hangs mid-transaction: it holds the mark and does nothing more.
    let began = 0;
    const release = await holding(async (trx) => {
      await markDraining(trx);
      began = (await sql<{ at: Date }>`select now() as at`.execute(trx)).rows[0]?.at.getTime() ?? 0;
    });
    try {
      const due = await arm(id, 'claim', 'yellow');
      expect(await runOverdueSteps(deps, port, 0, { deferToDrains: 600_000 })).toEqual([]);
      const fired = await until(
        () => runOverdueSteps(deps, port, 0, { deferToDrains: 2_000 }),
        (f) => f.length > 0,
        30_000,
      );
      expect(fired.map((f) => f.step)).toEqual(['yellow']);
      // Fired once the batch was 2 s old, not before (less a few ms between the two processes' clocks).
      expect(Date.parse(due.at) + (fired[0]?.lateMs ?? 0) - began).toBeGreaterThanOrEqual(1_950);
    } finally {
      await release();
    }
    expect((await ledger([id]))[0]?.steps).toEqual(['yellow']);
  }, 60_000);

  it('keys timers by instant: one compact job per instant or minute, a window that sets its drains, a drain that came early waits', async () => {
    const timers = createClockTimers(backend);
    const [id] = await Promise.all([dispatched('重试')]);
    const clock = await api.db
      .selectFrom('clocks')
      .select(['id', 'version'])
      .where('issue_id', '=', id ?? '')
      .where('kind', '=', 'claim')
      .executeTakeFirstOrThrow();
    const t = (at: number, version = 9999) => ({ clockId: clock.id, step: 'supervision' as const, version, at: new Date(at) });
    // A hundred days ahead, two timers in one minute: one window job, set for 30 s before the minute.
    const minute = Math.floor((Date.now() + 100 * 86_400_000) / WINDOW_MS) * WINDOW_MS;
    await timers.schedule([t(minute + 5_000), t(minute + 45_000, 10_000)]);
    // A minute ahead, two timers within the same tenth of a second: one drain job at the later tenth.
    const soon = Math.floor((Date.now() + 60_000) / 100) * 100;
    await timers.schedule([t(soon + 10), t(soon + 90, 10_000)]);
    const delayed = await timers.queue.getDelayed();
    const byName = (n: string) => delayed.filter((j) => j.name === n);
    expect(byName('window').map((j) => [j.id, j.data])).toEqual([[`w${minute.toString(36)}`, minute]]);
    expect(byName('drain').map((j) => [j.id, j.data])).toEqual([[`d${(soon + 100).toString(36)}`, soon + 100]]);
    const [windowJob] = byName('window');
    // (BullMQ stamps the job a moment after its delay was computed.)
    expect((windowJob?.timestamp ?? 0) + (windowJob?.opts.delay ?? 0) - (minute - 30_000)).toSatisfy((d: number) => d >= 0 && d < 1000);
    // On Redis in its compact encoding (PostgreSQL keeps a row of the same few fields).
    if (backend.redis) expect(await backend.redis.call('OBJECT', 'ENCODING', `${prefix}:clock-steps:${windowJob?.id}`)).toBe('listpack');
    await timers.queue.obliterate({ force: true });

    // A window job sets the drains of the steps PostgreSQL has in its minute, and no others.
    const inMinute = await arm(id ?? '', 'claim', 'reminded', -(minute + 7_250 - Date.now()));
    armed.length = 0;
    const windowRun = await runTimerJob(deps, port, { name: 'window', at: minute });
    expect(windowRun.armed).toBe(1);
    // At the step's due time rounded up to the tenth of a second.
    expect(armed.map((i) => i.kind)).toEqual(['drain']);
    expect((armed[0]?.at ?? 0) - Date.parse(inMinute.at)).toSatisfy((d: number) => d >= 0 && d <= 100);
    // A drain that comes before its instant fires nothing and asks to come back at it.
    expect(await runTimerJob(deps, port, { name: 'drain', at: Date.now() + 60_000 })).toMatchObject({ fired: [], retryAt: expect.any(Number) });
  });

  it('retries a failing drain with backoff, and the step fires once', async () => {
    const timers = createClockTimers(backend);
    const [id] = await Promise.all([dispatched('重试')]);
    const due = await arm(id ?? '', 'claim', 'reminded');
    let failures = 0;
    const worker = createClockWorker(backend, async (j) => {
      if (failures < 2) {
        failures += 1;
        throw new Error('PostgreSQL went away for a moment');
      }
      return runTimerJob(deps, timers, j);
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
