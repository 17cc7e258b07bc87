import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import { sql } from 'kysely';
import { startMailSink } from '@huiyin/mailsink';
import { GATHER_AT } from '@huiyin/domain';
import { CLOCK_QUEUE } from '@huiyin/timers';
import { openTestBackend, backendEnv, holdActiveJobs, loseQueueData, stillHeld } from '../support/queue-backend.ts';
import { ownDatabase } from '../support/own-database.ts';
import { spawnService, type ServiceProcess } from '../support/service-process.ts';
import { startTimedDistrict } from '../support/timed-district.ts';
import { until } from '../support/until.ts';
import { freePort } from '../support/free-port.ts';
import { sharedRedisPrefix } from '../support/run-scope.ts';

// The guarantees of timers.test.ts, with the worker as real processes (services/worker/src/main.ts):
// several at once, one killed with SIGKILL, all restarted after Redis lost its keys. Each scenario
// has its own database, key prefix, mail sink and workers, so the three run side by side.

// Claim limit 10 s: the track reminds at 3 s, warns at 8 s, goes red at 10 s, to the leader at
// 11 s and to supervision (督办单) at 12 s after dispatch. The workers' mail drains look twice a second.
const CLAIM_SECONDS = 10;
const POLICY = {
  reminderBeforeSeconds: 7,
  yellowBeforeSeconds: 2,
  leaderAfterSeconds: 1,
  supervisionAfterSeconds: 2,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
// The scenarios that must act between the reminder and the yellow card (hold the issue rows once
// the reminder mails are out, stop every worker) get 15 s for it rather than 5 s: claim limit
// 20 s, reminder at 3 s, yellow at 18 s, red at 20 s, leader at 21 s, 督办单 at 22 s. On a loaded
// machine (load 10+ on two cores) the reminders come seconds late and a graceful stop of two
// worker processes takes seconds, which 5 s does not leave room for.
const GAP_TIMING = { claimSeconds: 20, policy: { ...POLICY, reminderBeforeSeconds: 17 } };
// Ceilings for waiting on the workers: generous, since `until` returns as soon as the awaited
// thing is there, and a loaded machine stretches every step. Latency is bench/'s to measure.
const WALK_MS = 90_000;
const MAIL_MS = 45_000;
const TRACK = ['reminded', 'yellow', 'red', 'leader', 'supervision'];
const SUBJECTS = ['【即将到期】', '【黄牌预警】', '【红牌超期】', '【提级至分包领导】', '【督办单】'];
// One fewer issue than a batch gathers (docs/domain.md#gathered-notices): steps that fall due
// together in one batch still send each issue's mail under its own number, which the checks count.
const ISSUES = GATHER_AT - 1;

type Issue = { id: string; number: string };
type Step = { clockId: string; clock: string; step: string; lateMs: number; firedAt: string };
type Rig = Awaited<ReturnType<typeof startRig>>;

const cleanups: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  // Last registered first: workers die before their database and keys go.
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error('cleanup failed', err));
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * A database, key prefix, API and mail sink of the scenario's own, and `workerCount` worker
 * processes, started while the district is set up and up (timers reconciled) on return.
 */
async function startRig(name: string, workerCount: number, timing: { claimSeconds: number; policy: object } = { claimSeconds: CLAIM_SECONDS, policy: POLICY }) {
  const own = await ownDatabase(`procs_${name}`);
  cleanups.push(() => own.drop());
  const prefix = `${sharedRedisPrefix()}_procs_${name}`;
  // The suite's timer backend (TIMERS_BACKEND); its queue tables, on PostgreSQL, in the scenario's database.
  // Only sets timers here (the worker processes run them): a few connections are enough.
  const backend = await openTestBackend(prefix, own.url, 3);
  cleanups.push(async () => {
    await loseQueueData(prefix, own.url);
    await backend.close();
  });
  const sink = await startMailSink({ smtpPort: 0 });
  cleanups.push(() => sink.close());
  const workers: ServiceProcess[] = [];
  /** Each worker's own metrics port (WORKER_METRICS_PORT), in start order. */
  const metricsPorts: number[] = [];
  cleanups.push(() => Promise.all(workers.map((w) => (w.kill('SIGKILL'), w.exited))));

  /** Workers numbered so far: set before the first await, so that two starting at once get their own names. */
  let numbered = 0;
  /** Starts a worker process and waits until it has reconciled the timers at start-up. */
  const startWorker = async (): Promise<ServiceProcess> => {
    const n = ++numbered;
    const metricsPort = await freePort();
    metricsPorts.push(metricsPort);
    const w = spawnService('services/worker/src/main.ts', `${name}-w${n}`, {
      WORKER_METRICS_PORT: String(metricsPort),
      // Three scenarios of up to two workers each, side by side, on a server of 100 connections:
      // at their defaults (10 for the engine, 10 for the timer tables) they filled it.
      DATABASE_POOL_MAX: '4',
      // The application name tells its PostgreSQL sessions apart in pg_stat_activity.
      DATABASE_URL: `${own.url}?application_name=${name}-w${n}`,
      ...backendEnv(),
      REDIS_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      LOG_LEVEL: 'info',
    });
    workers.push(w);
    await w.waitForLog('timers reconciled at start-up', 90_000);
    return w;
  };
  const started = Promise.all(Array.from({ length: workerCount }, startWorker));
  // Settled here too, so that a failed start-up is not an unhandled rejection while we wait below.
  started.catch(() => undefined);

  // The handling clock's reminder (its 【即将到期】 mail is counted with the claim clock's, and its
  // job fires due claim steps in its batch) comes 600 s less the reminder lead after dispatch:
  // past every wait here. With 120 s it fell within the ceilings above (103 s after dispatch).
  const { timers, api, d, ent, dispatcher } = await startTimedDistrict({
    databaseUrl: own.url,
    backend,
    policy: timing.policy,
    claimSeconds: timing.claimSeconds,
    handlingSeconds: 600,
    poolMax: 4,
    cleanups,
  });
  await started;

  const call = async (token: string, url: string, body: object, status: number) => {
    const res = await api.call(token, 'POST', url, body);
    if (res.statusCode !== status) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Issue;
  };

  return {
    api,
    own,
    timers,
    sink,
    prefix,
    workers,
    startWorker,
    /** Filed by the enterprise, listed and dispatched: the claim clock starts. */
    async dispatch(count: number): Promise<Issue[]> {
      return Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const issue = await call(ent, '/api/v1/issues', { categoryId: d.categoryId, title: `${name} 诉求 ${i + 1}`, description: '时限测试' }, 201);
          await call(dispatcher, `/api/v1/issues/${issue.id}/list`, {}, 200);
          await call(dispatcher, `/api/v1/issues/${issue.id}/dispatch`, {}, 200);
          return issue;
        }),
      );
    },
    /** The claim clock's fired steps per issue, in the order they were written. */
    async steps(issues: Issue[]): Promise<Step[][]> {
      const rows = await api.db
        .selectFrom('issue_events')
        .select(['issue_id', 'payload'])
        .where(
          'issue_id',
          'in',
          issues.map((i) => i.id),
        )
        .where('type', '=', 'trackStep')
        .orderBy('seq')
        .execute();
      return issues.map((i) =>
        rows
          .filter((r) => r.issue_id === i.id)
          .map((r) => r.payload as Step)
          .filter((p) => p.clock === 'claim'),
      );
    },
    /** How many mails of each step (by subject prefix) the sink holds for each issue. */
    mailCounts(issues: Issue[]): number[][] {
      const subjects = sink.messages().map((m) => m.subject);
      return issues.map((i) => SUBJECTS.map((s) => subjects.filter((subject) => subject.startsWith(`${s}${i.number}「`)).length));
    },
    /** Waits (up to MAIL_MS) until no outbox row is left unsent; returns how many are left. */
    mailsSent(): Promise<number> {
      return until(
        () => this.pendingMails(),
        (n) => n === 0,
        MAIL_MS,
      );
    },
    async pendingMails(): Promise<number> {
      const row = await api.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('processed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Clock steps applied, summed over the workers' own /metrics (huiyin_clock_steps_total). */
    async metricsApplied(): Promise<number> {
      let total = 0;
      for (const port of metricsPorts) {
        const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
        for (const line of text.split('\n')) if (line.startsWith('huiyin_clock_steps_total{')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      return total;
    },
    /** Worker log lines for fired steps, by outcome (`applied`). */
    outcomes(): Record<string, number> {
      const out: Record<string, number> = {};
      for (const w of workers) for (const l of w.logs) if (l.msg === 'clock step') out[String(l['outcome'])] = (out[String(l['outcome'])] ?? 0) + 1;
      return out;
    },
  };
}

/**
 * The whole claim track fired once per issue in order, one 督办单 each, and each step's mail
 * arrived once. The relay marks a row sent only after the sink has the mail, so with no row left
 * to send, every mail is in: a second copy could only come from a second row or a second step.
 */
async function expectWalkedOnce(expect: ExpectStatic, rig: Rig, issues: Issue[], timeoutMs: number): Promise<Step[][]> {
  const steps = await until(
    () => rig.steps(issues),
    (s) => s.every((x) => x.length >= TRACK.length),
    timeoutMs,
  );
  expect(steps.map((s) => s.map((x) => x.step))).toEqual(issues.map(() => TRACK));
  const orders = await rig.api.db
    .selectFrom('supervision_orders')
    .select('issue_id')
    .where(
      'issue_id',
      'in',
      issues.map((i) => i.id),
    )
    .execute();
  expect(orders.map((o) => o.issue_id).sort()).toEqual(issues.map((i) => i.id).sort());
  const sent = async () => ({ pending: await rig.pendingMails(), mails: rig.mailCounts(issues) });
  const last = await until(sent, (x) => x.pending === 0 && x.mails.flat().every((n) => n >= 1), MAIL_MS);
  expect(last).toEqual({ pending: 0, mails: issues.map(() => SUBJECTS.map(() => 1)) });
  expect((await rig.steps(issues)).map((s) => s.length)).toEqual(issues.map(() => TRACK.length));
  return steps;
}

describe.concurrent('the timeliness track with real worker processes', () => {
  it('fires each step of four unclaimed issues once, with two worker processes racing on doubled timers', async ({ expect }) => {
    const rig = await startRig('pair', 2);
    const issues = await rig.dispatch(ISSUES);
    // Second and third drain jobs for every pending step's due time (no job id, so none is
    // dropped as a duplicate), so both processes race for the same steps and only SKIP LOCKED and
    // the version check in PostgreSQL keep each to one firing.
    let doubling = true;
    const doubler = (async () => {
      while (doubling) {
        const clocks = await rig.api.db.selectFrom('clocks').select(['next_step_at']).where('status', '=', 'running').where('next_step_at', 'is not', null).execute();
        const now = Date.now();
        await rig.timers.queue.addBulk(clocks.map((c) => ({ name: 'drain', data: c.next_step_at?.getTime() ?? now, opts: { delay: Math.max(0, (c.next_step_at?.getTime() ?? now) - now) } })));
        await sleep(200);
      }
    })();
    try {
      const steps = await expectWalkedOnce(expect, rig, issues, WALK_MS);
      // None before its time (a doubled timer is set for the same time, never earlier). How late
      // they come is bench's to measure (pnpm bench): on a loaded machine it is seconds.
      for (const s of steps.flat()) expect(s.lateMs).toBeGreaterThanOrEqual(0);
    } finally {
      doubling = false;
      await doubler;
    }
    const outcomes = await until(
      () => rig.outcomes(),
      (o) => (o['applied'] ?? 0) >= ISSUES * TRACK.length,
      MAIL_MS,
    );
    // A miss says what the workers warned of (a job that failed after its batch committed, say).
    const warnings = rig.workers.flatMap((w) => w.logs).filter((l) => Number(l['level']) >= 40 && l.msg.startsWith('timer job'));
    expect(outcomes['applied'], JSON.stringify(warnings)).toBe(ISSUES * TRACK.length);
    // Drains raced and lost: they found their steps fired already.
    expect(rig.workers.flatMap((w) => w.logs).filter((l) => l.msg === 'drain found nothing due').length).toBeGreaterThan(0);
    // Each worker's /metrics counts what it applied: together, every step once.
    expect(await rig.metricsApplied()).toBe(ISSUES * TRACK.length);
  }, 240_000);

  it('fires the rest of the track once while the killed worker still holds its drain, after the only worker process is killed with SIGKILL mid-drain', async ({ expect }) => {
    // One worker: no other process can fire the killed drain's steps, only the new one's catch-up.
    const rig = await startRig('kill', 1, GAP_TIMING);
    const issues = await rig.dispatch(ISSUES);
    // The first step fires and its mails go out; nothing is left for a relay to send twice.
    await until(
      () => rig.steps(issues),
      (s) => s.every((x) => x.length >= 1),
      WALK_MS,
    );
    await until(
      () => rig.mailCounts(issues),
      (c) => c.every((n) => (n[0] ?? 0) >= 1),
      MAIL_MS,
    );
    expect(await rig.mailsSent()).toBe(0);
    // Hold the inbox table: the drain of the yellow cards claims their clocks and issues, then
    // waits in its transaction to write their inbox rows. That is a drain caught mid-way.
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = rig.api.db.transaction().execute(async (trx) => {
      await sql`lock table notifications in share mode`.execute(trx);
      locked();
      await released;
    });
    let victim: ServiceProcess | undefined;
    let fresh: ServiceProcess | undefined;
    let held: string[] = [];
    try {
      await isLocked;
      // Held before the yellow cards fell due: only the reminders have fired.
      expect((await rig.steps(issues)).map((s) => s.length)).toEqual(issues.map(() => 1));
      const waiting = async () =>
        // A drain holds the clocks it claimed (FOR UPDATE); a scheduled job waiting too (the 08:30 bulletin's inbox rows) does not.
        (
          await sql<{ app: string; n: string }>`select application_name as app, count(*) as n from pg_stat_activity a where datname = current_database() and wait_event_type = 'Lock'
            and exists (select 1 from pg_locks l where l.pid = a.pid and l.relation = 'clocks'::regclass and l.mode = 'RowShareLock' and l.granted) group by 1`.execute(rig.api.db)
        ).rows;
      const blocked = await until(waiting, (rows) => rows.length > 0, WALK_MS);
      victim = rig.workers.find((w) => w.name === blocked[0]?.app);
      expect(victim).toBeDefined();
      victim?.kill('SIGKILL');
      expect(await victim?.exited).toEqual({ code: null, signal: 'SIGKILL' });
      // Left alone, the killed worker's locks run out within 10 s and BullMQ hands its drain to
      // the fresh worker as stalled, which fires the steps too: on a loaded machine, starting that
      // worker can take as long, so a bound on the time since the release could neither hold nor
      // tell the catch-up from the stall. So the test keeps those locks for the rest of the run:
      // the drain stays held, and only the fresh worker's catch-up can fire its steps.
      held = await holdActiveJobs(rig.prefix, CLOCK_QUEUE, 600_000, rig.own.url);
      expect(held.length).toBeGreaterThan(0);
      fresh = await rig.startWorker();
    } finally {
      release();
      await holder;
    }
    await expectWalkedOnce(expect, rig, issues, WALK_MS);
    // The killed worker's transaction was rolled back (no yellow card of its own), its drain is
    // still held, and the fresh worker fired those steps from PostgreSQL once the killed
    // transaction had let their rows go, each once: by its catch-up, or by the drain of every
    // past-due step its start-up reconcile set (which of the two gets there first is a race).
    expect(victim?.logs.filter((l) => l.msg === 'clock step' && l['step'] === 'yellow')).toEqual([]);
    expect(await stillHeld(rig.prefix, CLOCK_QUEUE, held, rig.own.url)).toEqual(held.map(() => true));
    const yellows = fresh?.logs.filter((l) => l.msg === 'clock step' && l['step'] === 'yellow' && l['outcome'] === 'applied') ?? [];
    expect(yellows.map((l) => l['clockId']).sort()).toEqual((await rig.steps(issues)).map((s) => s.find((x) => x.step === 'yellow')?.clockId).sort());
  }, 240_000);

  it('fires everything that fell due while no worker ran and the timer backend lost every job, once restarted workers reconcile', async ({ expect }) => {
    const rig = await startRig('flush', 2, GAP_TIMING);
    const issues = await rig.dispatch(3);
    const dispatchedAt = Date.now();
    // The reminders fired and their workers have set the yellow-card timers (logged after that).
    await until(
      () => rig.steps(issues),
      (s) => s.every((x) => x.length >= 1),
      WALK_MS,
    );
    await until(
      () => rig.outcomes(),
      (o) => (o['applied'] ?? 0) >= issues.length,
      MAIL_MS,
    );
    // The reminders' mails are sent before the loss: a mail handed to the lost queue waits out its
    // lease (redis-loss.test.ts has running workers release those at once); timers are what is
    // under test here.
    expect(await rig.mailsSent()).toBe(0);
    // Workers left running would notice the loss and rebuild at once (redis-loss.test.ts): stop
    // them first, so that only the start-up reconcile can set the timers again.
    const stopped = await Promise.all(rig.workers.map((w) => w.stop()));
    expect(stopped).toEqual(rig.workers.map(() => ({ code: 0, signal: null })));
    expect(await loseQueueData(rig.prefix, rig.own.url)).toBeGreaterThan(0);
    // Past the supervision time: no worker and no timer, so nothing more fires.
    await sleep(dispatchedAt + (GAP_TIMING.claimSeconds + POLICY.supervisionAfterSeconds + 1) * 1000 - Date.now());
    expect((await rig.steps(issues)).map((s) => s.map((x) => x.step))).toEqual(issues.map(() => ['reminded']));
    const restartedAt = Date.now();
    await Promise.all([rig.startWorker(), rig.startWorker()]);
    const steps = await expectWalkedOnce(expect, rig, issues, WALK_MS);
    // The rest fired only once the fresh workers had set the timers again from PostgreSQL.
    for (const s of steps) for (const x of s.slice(1)) expect(Date.parse(x.firedAt)).toBeGreaterThan(restartedAt);
  }, 240_000);
});
