import { failures, type Drill } from './support/drill.ts';
import { startOwnRedis } from './support/own-redis.ts';
import { openRig } from './support/rig.ts';
import { CLAIM_SECONDS, TRACK, checkTrackAndMail, claimSteps, useSecondsTrack } from './support/track-checks.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `leftRunning`: wait for the whole track with the workers left running and count what did not
 * fire within a minute of its time (the strong promise: without a rebuild, nothing would fire
 * until a worker restarted); `restartWorkers`: then also restart them and
 * check that a restart neither doubles nor loses anything. Either way every step and mail must in
 * the end be there exactly once.
 */
const PLANS = {
  short: { issues: 6, flushAt: 1.5, restartAt: 6, leftRunning: true, restartWorkers: false },
  full: { issues: 60, flushAt: 2, restartAt: 9, leftRunning: true, restartWorkers: true },
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
        const started = Date.now();
        const issues: string[] = [];
        for (let i = 0; i < plan.issues; i += 6) issues.push(...(await Promise.all(Array.from({ length: Math.min(6, plan.issues - i) }, () => rig.dispatched()))).map((x) => x.id));
        const lastDispatched = Date.now();
        await sleep(Math.max(0, plan.flushAt * 1000 - (Date.now() - started)));
        if (!rig.redis) throw new Error('the drill runs on a Redis of its own');
        await rig.redis.flushall();
        await sleep(Math.max(0, plan.restartAt * 1000 - (Date.now() - started)));
        await redis.restart();
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
        const result = await checkTrackAndMail(rig.db, sink, issues, 60_000, 120_000);
        for (const p of result.problems) f.check(false, p);
        return {
          summary: `${issues.length} issues; FLUSHALL at ${plan.flushAt} s and an empty restart at ${plan.restartAt} s, ${missedWhileRunning}${plan.restartWorkers ? 'after a worker restart ' : ''}${result.steps} claim steps on the ledger (lateness p50 ${result.lateMs.p50} ms, max ${result.lateMs.max} ms), ${result.mails} mails, ${result.received} received (${result.resent} copies); ${result.problems.length} problems`,
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
