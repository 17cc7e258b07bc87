import { failures, type Drill } from './support/drill.ts';
import { openRig } from './support/rig.ts';
import { checkTrackAndMail, useSecondsTrack } from './support/track-checks.ts';
import { buildServices } from '../support/build-services.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Mails a claim track makes per issue (48 001 for 3 000 issues on 2026-12-05), for the mail ceiling. */
const MAILS_PER_ISSUE = 16;

/**
 * Issues dispatched per wave, waves, and when (seconds from the first dispatch) a worker is
 * killed. The full drill kills a worker every 1.5 s for 25 minutes, alternating between two
 * slots, while a wave of issues starts its track every 5 s: 1 000 kills, most of them with steps
 * falling due.
 */
const PLANS = {
  short: { perWave: 6, waves: 1, waveEverySeconds: 0, kills: [4, 9.5] },
  full: { perWave: 10, waves: 300, waveEverySeconds: 5, kills: Array.from({ length: 1000 }, (_, i) => 3 + i * 1.5) },
};

/**
 * Drill 1: `kill -9` of a worker process in the middle of escalation steps, repeatedly. Two
 * worker processes share the timers and the outbox's mail; issues are dispatched to walk the claim
 * track (reminder → yellow → red → leader → supervision within 12 s) and a worker is killed with
 * SIGKILL while steps fall due, then started again. Every step must be on the ledger exactly
 * once and every mail delivered as one message: a kill between the SMTP server's acceptance and
 * the commit makes the next worker send it again, under the row's one Message-ID (SMTP gives no
 * exactly-once; the stable id makes the copy the same message, and the drill counts the copies).
 */
export const workerKillDrill: Drill = {
  name: 'worker-kill',
  promise: 'kill -9 a worker in the middle of escalation steps, repeatedly: no step lost or doubled, every mail one message (copies only under its own Message-ID)',
  async run(scale) {
    const plan = PLANS[scale];
    const f = failures();
    // The full drill restarts a worker every 1.5 s: under tsx one took about that long to start on
    // a loaded machine (2026-12-05), so it runs them compiled, as production does.
    const compiledWorkers = scale === 'full';
    if (compiledWorkers) {
      const built = await buildServices();
      if (built.code !== 0) throw new Error(`building the services failed: ${built.err}`);
    }
    const rig = await openRig({ name: 'kill', sink: true, compiledWorkers });
    const sink = rig.sink;
    if (!sink) throw new Error('the drill needs its mail sink');
    try {
      await useSecondsTrack(rig.db, rig.d.categoryId);
      // Each slot holds its worker's start: a restart is not awaited before the other slot's kill.
      const workers = [rig.startWorker(), rig.startWorker()];
      await Promise.all(workers);
      const issues: string[] = [];
      const started = Date.now();
      const dispatching = (async () => {
        for (let w = 0; w < plan.waves; w++) {
          await sleep(Math.max(0, w * plan.waveEverySeconds * 1000 - (Date.now() - started)));
          issues.push(...(await Promise.all(Array.from({ length: plan.perWave }, () => rig.dispatched()))).map((i) => i.id));
        }
      })();
      let kills = 0;
      for (const [n, at] of plan.kills.entries()) {
        await sleep(Math.max(0, at * 1000 - (Date.now() - started)));
        const slot = n % workers.length;
        // A worker still starting is let finish first: the kill is of a running worker.
        const victim = await workers[slot];
        if (!victim) continue;
        victim.kill('SIGKILL');
        await victim.exited;
        kills++;
        // Started again at once; the other slot carries on meanwhile. A restart still starting
        // when the drill ends is stopped by close(), and its start fails with nothing awaiting it:
        // that failure is expected, not an unhandled one.
        const restart = rig.startWorker();
        restart.catch(() => undefined);
        workers[slot] = restart;
      }
      await dispatching;
      // Ceilings, polled: a restarted worker process takes seconds to start on a loaded machine,
      // and the mails queued while workers kept dying go out after the last kill (at least 20 a
      // second on 2 cores: 48 000 for the full drill).
      const mailCeilingMs = Math.max(120_000, issues.length * MAILS_PER_ISSUE * 50);
      const result = await checkTrackAndMail(rig.db, sink, issues, 120_000, mailCeilingMs);
      for (const p of result.problems) f.check(false, p);
      return {
        summary: `${issues.length} issues, ${kills} workers killed with SIGKILL mid-track: ${result.steps} steps on the ledger (lateness p50 ${result.lateMs.p50} ms, p99 ${result.lateMs.p99} ms, max ${result.lateMs.max} ms), ${result.mails} mails, ${result.received} received (${result.resent} sent again after a kill under their own Message-ID; the last ${(result.mailsDoneAfterMs / 1000).toFixed(1)} s after the track ended); ${result.problems.length} problems`,
        failures: f.list,
      };
    } finally {
      await rig.close();
    }
  },
};
