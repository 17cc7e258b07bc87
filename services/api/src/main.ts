import { loadConfig } from '@huiyin/config';
import { createDb } from '@huiyin/store';
import { createCalendarFromDb, followCalendarChanges } from '@huiyin/engine';
import { openQueueBackend } from '@huiyin/queues';
import { CLOCK_QUEUE, createClockTimers, createQueueCounts, serversProblem, withDeadline } from '@huiyin/timers';
import { CHANNEL_QUEUE } from '@huiyin/notify';
import { buildApp } from './app.ts';

const config = loadConfig();
// A configured server that does not answer: one line to act on, exit code 1, no stack trace.
const problem = await serversProblem(config);
if (problem) {
  console.error(problem);
  process.exit(1);
}
const db = createDb(config.databaseUrl, { max: config.databasePoolMax ?? 20 });
// Holidays and make-up workdays operators declared (calendar_days) join the package's data.
const calendar = await createCalendarFromDb(db, { workingPeriods: config.workingPeriods });
let log: ((err: Error) => void) | undefined;
// Timers on Redis, or on BullMQ's own tables in PostgreSQL (TIMERS_BACKEND).
const backend = await openQueueBackend({
  kind: config.timersBackend,
  redisUrl: config.redisUrl,
  databaseUrl: config.databaseUrl,
  prefix: config.redisPrefix,
  poolSize: Math.min(5, config.databasePoolMax ?? 5),
  onError: (err) => log?.(err),
});
const timers = createClockTimers(backend);
// A change commits in PostgreSQL whatever the timer backend does; setting its timers may wait two seconds at most.
// `/metrics` reads the timer and notice-channel queues' depths (mail has no queue) at each scrape.
const queueCounts = createQueueCounts(backend, [CLOCK_QUEUE, CHANNEL_QUEUE]);
const app = await buildApp({
  config,
  db,
  calendar,
  refreshCalendar: () => calendar.refresh(),
  timers: withDeadline(timers, 2000),
  clock: () => new Date(),
  // `/ready` asks the timer backend too: without it commands commit but their timers wait for the reconciler.
  readiness: { [backend.kind === 'redis' ? 'redis' : 'timers']: backend.ping },
  queueCounts: queueCounts.counts,
  boardQueues: queueCounts.queues,
});
log = (err) => app.log.warn({ err: err.message }, 'timer backend unavailable: timers wait in PostgreSQL for the reconciler');
// Days declared by any process (another API, the CLI) apply here at once.
const calendarChanges = followCalendarChanges(
  config.databaseUrl,
  () => calendar.refresh(),
  (err) => app.log.warn({ err }, 'calendar change listener'),
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await calendarChanges.close();
    await timers.close();
    await queueCounts.close();
    await backend.close();
    await db.destroy();
    process.exit(0);
  });
}

await app.listen({ host: config.host, port: config.port });
