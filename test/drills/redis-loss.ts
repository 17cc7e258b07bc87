import { failures, type Drill } from './support/drill.ts';
import { startOwnRedis } from './support/own-redis.ts';
import { openRig } from './support/rig.ts';
import { CLAIM_SECONDS, TRACK, checkTrackAndMail, claimSteps, useSecondsTrack } from './support/track-checks.ts';
import { loadPendingTimers, missingInstants } from './support/pending-timers.ts';
import { sql } from 'kysely';
import { until } from '../support/until.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `leftRunning`: wait for the whole track with the workers left running and count what did not
 * fire within a minute of its time (the strong promise: without a rebuild, nothing would fire
 * until a worker restarted); `restartWorkers`: then also restart them and
 * check that a restart neither doubles nor loses anything. Either way every step and mail must in
 * the end be there exactly once.
 */
/**
 * `pending`: open issues loaded in bulk beside them, one timer each, pending when Redis is lost;
 * `soon` of them fall due one to two minutes after they are set (so after the flush), the rest
 * hours ahead.
 */
const PLANS = {
  short: { issues: 6, flushAt: 1.5, restartAt: 6, leftRunning: true, restartWorkers: false, pending: 0, soon: 0 },
  full: { issues: 60, flushAt: 2, restartAt: 9, leftRunning: true, restartWorkers: true, pending: 100_000, soon: 2_000 },
};

/**
 * Drill 2: Redis loses everything while timers are pending — FLUSHALL, then a restart of the
 * server (no persistence, so it comes back empty) — with the worker processes left running.
 * The drill's own redis-server, so no other run's keys are touched. Every step of every claim
 * track must still fire exactly once, and every mail arrive once.
 */
export const redisLossDrill: Drill = {
  name: 'redis-loss',
  promise: 'Redis FLUSHALL and restart with timers pending: every timer rebuilt, no escalation missed',
  async run(scale) {
    const plan = PLANS[scale];
    const f = failures();
    const redis = await startOwnRedis();
    try {
      const rig = await openRig({ name: 'redisloss', sink: true, redisUrl: redis.url });
      const sink = rig.sink;
      if (!sink) throw new Error('the drill needs its mail sink');
      try {
        await useSecondsTrack(rig.db, rig.d.categoryId);
        let workers = await Promise.all([rig.startWorker(), rig.startWorker()]);
        // Loaded before the clock starts: the flush comes 2 s after the first dispatch.
        const pending = plan.pending
          ? await loadPendingTimers(rig.db, { count: plan.pending, soon: plan.soon, soonFromMs: 60_000, soonToMs: 120_000, redisUrl: redis.url, databaseUrl: rig.databaseUrl, prefix: rig.prefix })
          : null;
        const started = Date.now();
        const issues: string[] = [];
        for (let i = 0; i < plan.issues; i += 6) issues.push(...(await Promise.all(Array.from({ length: Math.min(6, plan.issues - i) }, () => rig.dispatched()))).map((x) => x.id));
        const lastDispatched = Date.now();
        await sleep(Math.max(0, plan.flushAt * 1000 - (Date.now() - started)));
        if (!rig.redis) throw new Error('the drill runs on a Redis of its own');
        await rig.redis.flushall();
        await sleep(Math.max(0, plan.restartAt * 1000 - (Date.now() - started)));
        await redis.restart();
        let rebuilt = '';
        if (pending) {
          // Every pending timer set again by the running workers' rebuild, within a minute.
          const missing = await until(
            () => missingInstants(rig.redis as NonNullable<typeof rig.redis>, rig.prefix, pending.instants, Date.now() + 5_000),
            (m) => m.length === 0,
            60_000,
          );
          const rebuilds = workers.flatMap((w) => w.logs).filter((l) => l.msg === 'rebuilt after Redis loss');
          rebuilt = `${plan.pending} bulk timers (${pending.instants.length} jobs) pending at the flush, ${missing.length} not set again; rebuilds ${rebuilds.map((l) => `${l['count']} jobs in ${l['ms']} ms`).join(', ')}; `;
          f.check(missing.length === 0, `${missing.length} of ${pending.instants.length} pending timer jobs not set again after the loss`);
        }
        let missedWhileRunning = '';
        if (plan.leftRunning) {
          // The last issue's last step falls due 2 s after its claim limit. Polled up to a minute
          // past it rather than counted 10 s after: a loaded machine makes steps seconds late,
          // while a lost timer that nothing rebuilt would not fire at all.
          const due = issues.length * TRACK.length;
          const firedNow = async () => [...(await claimSteps(rig.db, issues)).values()].reduce((n, s) => n + s.length, 0);
          let fired = await firedNow();
          for (const end = lastDispatched + (CLAIM_SECONDS + 2 + 60) * 1000; fired < due && Date.now() < end; fired = await firedNow()) await sleep(250);
          missedWhileRunning = `with the workers left running, ${fired} of ${due} steps fired within a minute of their time; `;
          f.check(
            fired === due,
            `Redis lost with the workers left running: ${due - fired} of ${due} steps did not fire within a minute of their due time (nothing rebuilt the timers until a worker restarted)`,
          );
        }
        if (plan.restartWorkers) {
          // Restarted workers set every timer again from PostgreSQL.
          await Promise.all(workers.map((w) => w.stop()));
          workers = await Promise.all([rig.startWorker(), rig.startWorker()]);
        }
        let soonFired = '';
        if (pending && pending.soonIssues.length > 0) {
          // The bulk timers due during the drill fired once each.
          const fired = async () =>
            (
              await sql<{
                issue_id: string;
                n: string;
              }>`select issue_id, count(*) as n from issue_events where type = 'trackStep' and issue_id = any(${pending.soonIssues}::uuid[]) group by issue_id`.execute(rig.db)
            ).rows;
          const rows = await until(fired, (r) => r.length >= pending.soonIssues.length, 180_000);
          const once = rows.filter((r) => Number(r.n) === 1).length;
          soonFired = `${once} of ${pending.soonIssues.length} bulk steps due after the flush fired once (${rows.length - once} more than once); `;
          f.check(once === pending.soonIssues.length && rows.length === pending.soonIssues.length, `bulk steps due after the flush: ${pending.soonIssues.length - once} not fired exactly once`);
        }
        const result = await checkTrackAndMail(rig.db, sink, issues, 60_000, 300_000);
        for (const p of result.problems) f.check(false, p);
        return {
          summary: `${issues.length} issues; FLUSHALL at ${plan.flushAt} s and an empty restart at ${plan.restartAt} s, ${rebuilt}${soonFired}${missedWhileRunning}${plan.restartWorkers ? 'after a worker restart ' : ''}${result.steps} claim steps on the ledger (lateness p50 ${result.lateMs.p50} ms, max ${result.lateMs.max} ms), ${result.mails} mails, ${result.received} received (${result.resent} copies); ${result.problems.length} problems`,
          failures: f.list,
        };
      } finally {
        await rig.close();
      }
    } finally {
      await redis.stop();
    }
  },
};
