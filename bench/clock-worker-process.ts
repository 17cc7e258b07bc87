/**
 * One clock-worker process for bench/timers.ts, wired as services/worker wires it (a pool of 10,
 * the calendar from the database, one timer backend (BENCH_TIMERS_BACKEND, Redis unless set) for the timers queue and the worker,
 * createClockWorker's default concurrency, the catch-up of overdue steps), with the handler and
 * every SQL statement timed.
 * Started by the bench over IPC: it says `ready`, and on `stop` closes and sends its figures.
 */
import { performance } from 'node:perf_hooks';
import { createDb } from '@huiyin/store';
import { createCalendarFromDb, type EngineDeps } from '@huiyin/engine';
import { openQueueBackend } from '@huiyin/queues';
import { createClockTimers, createClockWorker, runTimerJob, type ClockTimers } from '@huiyin/timers';
import { startCatchUp } from '../services/worker/src/catch-up.ts';
import type { WorkerFigures } from './support/worker-processes.ts';

const databaseUrl = process.env['BENCH_DATABASE_URL'] ?? '';
const redisUrl = process.env['BENCH_REDIS_URL'] ?? '';
const prefix = process.env['BENCH_PREFIX'] ?? '';
// BENCH_DRAIN_HELPERS: helper drains a full first batch asks for (the worker's default unless set).
const HELPERS = process.env['BENCH_DRAIN_HELPERS'] === undefined ? undefined : Number(process.env['BENCH_DRAIN_HELPERS']);

const figures: WorkerFigures = { pid: process.pid, jobs: 0, failed: 0, firstError: null, outcomes: {}, pickupMs: [], handlerMs: 0, scheduleMs: 0, statements: {}, cpuMs: 0 };
// Kysely's query log times each statement on its connection (pool waits excluded).
const normalise = (text: string) =>
  text
    .replace(/\$\d+(, \$\d+)*/g, '$…')
    .replace(/\s+/g, ' ')
    .slice(0, 110);
const db = createDb(databaseUrl, {
  max: 10,
  log(event) {
    if (event.level !== 'query') return;
    const s = (figures.statements[normalise(event.query.sql)] ??= { count: 0, ms: 0 });
    s.count += 1;
    s.ms += event.queryDurationMillis;
  },
});
const deps: EngineDeps = { db, calendar: await createCalendarFromDb(db), clock: () => new Date() };
const backend = await openQueueBackend({ kind: process.env['BENCH_TIMERS_BACKEND'] === 'postgres' ? 'postgres' : 'redis', redisUrl, databaseUrl, prefix });
const clockTimers = createClockTimers(backend);
/** Times whatever the worker sets: each batch's next timers, a window's drains, the helpers. */
const timed =
  <A extends unknown[]>(f: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    const t = performance.now();
    await f(...args);
    figures.scheduleMs += performance.now() - t;
  };
const timers: Pick<ClockTimers, 'schedule' | 'arm' | 'helpers'> = { schedule: timed(clockTimers.schedule), arm: timed(clockTimers.arm), helpers: timed(clockTimers.helpers) };
const count = (k: string, n = 1) => void (figures.outcomes[k] = (figures.outcomes[k] ?? 0) + n);
const worker = createClockWorker(backend, async (job) => {
  if (job.name !== 'window') figures.pickupMs.push(Date.now() - job.at);
  const t = performance.now();
  // Steps are counted as each batch commits: a job still running when the bench stops this
  // process (or one that fails after some batches) has applied them all the same.
  const run = await runTimerJob(deps, timers, job, { ...(HELPERS === undefined ? {} : { helpers: HELPERS }), fired: (steps) => count('applied', steps.length) });
  figures.handlerMs += performance.now() - t;
  figures.jobs += 1;
  count(`${job.name} jobs`);
  count('batches', run.batches);
  if (run.fired.length === 0 && job.name !== 'window') count('drains that found nothing');
  return run;
});
worker.on('failed', (_job, err) => {
  figures.failed += 1;
  figures.firstError ??= String(err);
});
await worker.waitUntilReady();
const catchUp = startCatchUp(deps, timers, {
  fired: (steps) => void (figures.outcomes['caughtUp'] = (figures.outcomes['caughtUp'] ?? 0) + steps.length),
  failed: (err) => void (figures.firstError ??= String(err)),
});
const cpuAtStart = process.cpuUsage();
process.send?.({ type: 'ready' });
process.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  void (async () => {
    await catchUp.stop();
    await worker.close();
    const cpu = process.cpuUsage(cpuAtStart);
    figures.cpuMs = (cpu.user + cpu.system) / 1000;
    await clockTimers.close();
    await backend.close();
    await db.destroy();
    process.send?.({ type: 'figures', figures }, () => process.exit(0));
  })();
});
