import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { sql } from 'kysely';
import { ledgerSigningKey, loadConfig } from '@huiyin/config';
import { createDb, sweepKeys, sweepLoginFailures } from '@huiyin/store';
import {
  createCalendarFromDb,
  enqueueDailyDigests,
  warnUndeclaredYear,
  followCalendarChanges,
  releaseChannelHandOvers,
  reportFailingChannel,
  type EngineDeps,
  projectBulletinSection,
  ledgerCheckpointSection,
  makeCheckpoint,
} from '@huiyin/engine';
import { createMailer, startMailDrain } from '@huiyin/notify';
import { startNoticeChannels } from './notice-channels.ts';
import { sweepUploads } from './sweep-uploads.ts';
import { startCatchUp } from './catch-up.ts';
import { createWorkerMetrics } from './worker-metrics.ts';
import { watchOutage } from './outage.ts';
import { BULLETIN_JOB, BULLETIN_SCHEDULE, runScheduledBulletin } from '@huiyin/reports';
import { assertNoEviction, openQueueBackend } from '@huiyin/queues';
import { createClockTimers, createClockWorker, reconcileTimers, runTimerJob, serversProblem, watchRedisLoss } from '@huiyin/timers';

const config = loadConfig();
// A configured server that does not answer: one line to act on, exit code 1, no stack trace
// (without it the worker waited for Redis forever, saying nothing).
const problem = await serversProblem(config);
if (problem) {
  console.error(problem);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, name: 'worker' });
const db = createDb(config.databaseUrl, { max: config.databasePoolMax ?? 10 });
const calendar = await createCalendarFromDb(db, { workingPeriods: config.workingPeriods });
const deps: EngineDeps = { db, calendar, clock: () => new Date() };
// Signs the ledger's checkpoints; a demo without a configured key makes one under .data and says so.
const ledgerKeys = ledgerSigningKey(config, (line) => logger.warn(line));
// Days declared by the API or the CLI apply to the next clock step at once.
const calendarChanges = followCalendarChanges(
  config.databaseUrl,
  () => calendar.refresh(),
  (err) => logger.warn({ err }, 'calendar change listener'),
);
// A backend lost later is logged once, probed with backoff, and logged again when it answers
// (its clients reconnect by themselves); the worker's /ready asks both meanwhile.
const pingDb = () => sql`select 1`.execute(db);
const dbOutage = watchOutage('PostgreSQL', logger, pingDb);
let timersOutage: ReturnType<typeof watchOutage> | undefined;
// Timers and the notice channels' queue: on Redis, or on BullMQ's own tables in PostgreSQL (TIMERS_BACKEND).
const backend = await openQueueBackend({
  kind: config.timersBackend,
  redisUrl: config.redisUrl,
  databaseUrl: config.databaseUrl,
  prefix: config.redisPrefix,
  // Each of its four queue workers holds one connection for LISTEN: two more at least, to fetch and finish jobs.
  poolSize: Math.max(6, config.databasePoolMax ?? 10),
  onError: (err) => timersOutage?.failed(err),
});
timersOutage = watchOutage(backend.kind === 'redis' ? 'Redis (timers)' : "the timers' tables in PostgreSQL", logger, backend.ping);
const redis = backend.redis;
if (redis) {
  try {
    await assertNoEviction(redis);
  } catch (err) {
    logger.fatal({ err }, 'refusing to start');
    process.exit(1);
  }
}

const metrics = createWorkerMetrics();
// A second worker on the same host with the same port says so and runs on without its own endpoint.
const metricsServer = config.workerMetricsPort
  ? await metrics.listen(config.host, config.workerMetricsPort, { database: pingDb, timers: backend.ping }).catch((err: unknown) => {
      logger.warn({ err, port: config.workerMetricsPort }, 'metrics port taken: this worker serves no /metrics (set WORKER_METRICS_PORT)');
      return null;
    })
  : null;
const timers = createClockTimers(backend);
const clockWorker = createClockWorker(backend, async (job) => {
  try {
    const run = await runTimerJob(deps, timers, job, {
      fired: (steps) => {
        for (const s of steps) {
          logger.info({ clockId: s.clockId, step: s.step, outcome: 'applied', lateMs: s.lateMs }, 'clock step');
          metrics.stepApplied(s.step, 'job', s.lateMs);
        }
      },
    });
    if (job.name === 'window') logger.debug({ window: new Date(job.at), instants: run.armed }, 'window armed');
    // Another drain, or the catch-up, took its steps first (or a command held their issues).
    else if (run.fired.length === 0 && !run.retryAt) logger.info({ job: job.name, at: new Date(job.at) }, 'drain found nothing due');
    return run;
  } catch (err) {
    logger.warn({ job: job.name, at: new Date(job.at), err }, 'timer job failed (retried with backoff; the catch-up fires its due steps meanwhile)');
    throw err;
  }
});
clockWorker.on('failed', (job, err) => logger.warn({ jobId: job?.id, attemptsStarted: job?.attemptsStarted, err }, 'timer job failed for good (the catch-up and the reconciler cover its steps)'));

// On BullMQ job schedulers: the reconciler every five minutes (and at start-up, below), and each
// official's daily digest at 08:00 Shanghai time.
const maintenance = backend.queue('maintenance');
// Upserted at start-up and again whenever Redis lost them (see the Redis-loss watch below).
const upsertSchedulers = async () => {
  await maintenance.upsertJobScheduler('reconcile-timers', { every: 5 * 60_000 }, { name: 'reconcile-timers' });
  await maintenance.upsertJobScheduler('daily-digest', { pattern: '0 0 8 * * *', tz: 'Asia/Shanghai' }, { name: 'daily-digest' });
  await maintenance.upsertJobScheduler('sweep-uploads', { pattern: '0 0 3 * * *', tz: 'Asia/Shanghai' }, { name: 'sweep-uploads' });
  // 每半月汇总通报: daily at 08:30 Shanghai, the half-month just ended once its appeal window has closed.
  await maintenance.upsertJobScheduler(BULLETIN_JOB, BULLETIN_SCHEDULE, { name: BULLETIN_JOB });
  // A signed checkpoint of both ledgers at least daily (docs/api.md#ledger-checkpoints).
  await maintenance.upsertJobScheduler('ledger-checkpoint', { pattern: '0 0 2 * * *', tz: 'Asia/Shanghai' }, { name: 'ledger-checkpoint' });
};
await upsertSchedulers();
const maintenanceWorker = backend.worker(
  'maintenance',
  async (job) => {
    if (job.name === 'sweep-uploads') {
      logger.info({ removed: await sweepUploads(db, config.attachmentsDir, new Date()) }, 'unattached uploads swept');
      // Idempotency-Keys are replayed for a day (docs/api.md#retries).
      logger.info({ removed: await sweepKeys(db) }, 'idempotency keys older than a day forgotten');
      logger.info({ removed: await sweepLoginFailures(db) }, 'wrong-password counts older than a day forgotten');
      return;
    }
    if (job.name === BULLETIN_JOB) {
      logger.info(await runScheduledBulletin(deps, { sections: { projects: projectBulletinSection, ledgerCheckpoint: ledgerCheckpointSection(ledgerKeys) } }), 'semi-monthly bulletin');
      return;
    }
    if (job.name === 'ledger-checkpoint') {
      const checkpoint = await makeCheckpoint(deps, ledgerKeys, 'daily');
      logger.info({ id: checkpoint.id, head: checkpoint.head, issueChains: checkpoint.issueChains, projectChains: checkpoint.projectChains }, 'ledger checkpoint signed');
      return;
    }
    if (job.name === 'daily-digest') {
      logger.info(await enqueueDailyDigests(deps, new Date()), 'daily digests enqueued');
      return;
    }
    await calendar.refresh();
    const count = await reconcileTimers(db, timers, calendar);
    logger.info({ count }, 'timers reconciled');
  },
  {},
);
// Redis is not the truth: when it loses this run's keys under a running worker (FLUSHALL, or a
// restart with nothing kept), a sentinel key noticed missing within a second, or the connection
// coming back, rebuilds from PostgreSQL at once what BullMQ held: every clock timer, the job
// schedulers, and the channel messages handed to the lost delivery queue (else they wait out
// their lease). Mail never goes through Redis: the drain reads it from the outbox.
// On PostgreSQL the queue's tables go with the database itself: nothing to watch.
const redisLoss = redis
  ? watchRedisLoss(
      redis,
      config.redisPrefix,
      async (reason) => {
        const lostAt = new Date();
        logger.warn({ reason }, 'Redis lost its keys: rebuilding from PostgreSQL');
        const count = await reconcileTimers(db, timers, calendar);
        await upsertSchedulers();
        const messages = await releaseChannelHandOvers(db, lostAt);
        logger.info({ reason, count, messages, ms: Date.now() - lostAt.getTime() }, 'rebuilt after Redis loss');
      },
      { onError: (err) => logger.warn({ err }, 'Redis loss check or rebuild failed (tried again within a second)') },
    )
  : null;
await redisLoss?.start();
logger.info({ count: await reconcileTimers(db, timers, calendar) }, 'timers reconciled at start-up');
const catchUp = startCatchUp(deps, timers, {
  fired: (steps) => {
    for (const s of steps) {
      logger.info({ clockId: s.clockId, step: s.step, outcome: 'applied', lateMs: s.lateMs, caughtUp: true }, 'clock step');
      metrics.stepApplied(s.step, 'catch-up', s.lateMs);
    }
  },
  escalated: (orderIds) => {
    for (const orderId of orderIds) logger.info({ orderId }, 'supervision order overdue: escalated');
  },
  failed: (err) => dbOutage.failed(err),
});

// Mail: drained from the outbox in batches, each mail sent once under its row's lock.
const mailer = createMailer(config.smtpUrl, config.mailFrom, { publicUrl: config.publicUrl });
const mailDrain = startMailDrain({
  db,
  mailer,
  drained: (result) => {
    metrics.mail('sent', result.sent);
    metrics.mail('failed', result.failed.length);
    for (const f of result.failed) logger.warn({ outboxId: f.id, attempts: f.attempts, err: f.error }, 'mail not sent (tried again with backoff)');
  },
  failed: (err) => dbOutage.failed(err),
  answered: () => dbOutage.answered(),
});
// WeCom and DingTalk group robots and SMS: the same outbox, their own delivery queue.
const channels = startNoticeChannels({ backend, db, calendar, config, metrics, logger, failing: (channel, error) => reportFailingChannel(db, channel, error, new Date()) });
let running = true;
// The mail drain stops first and at once: sends under way are cut off and their rows let go for
// the next worker, well within a supervisor's grace period (docker-compose: 30 s).
let mailStopped: Promise<void> | undefined;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    running = false;
    mailStopped ??= mailDrain.stop();
  });
}

// From 1 November the admins hear, once, that next year's holidays are not declared yet.
const checkCalendar = () =>
  warnUndeclaredYear(deps)
    .then((warned) => warned && logger.warn('next year has no declared holidays: due times into it are provisional'))
    .catch((err: unknown) => logger.warn({ err }, 'calendar check failed'));
void checkCalendar();
const calendarCheck = setInterval(checkCalendar, 3_600_000);

logger.info({ smtp: config.smtpUrl.replace(/\/\/[^@]*@/, '//***@') }, 'mail delivery started');
// `pnpm start` waits for this line before it says the engine is running.
logger.info({ timers: backend.kind }, 'worker ready');
// Looks for due channel messages twice a second, and at once while a batch comes back full; while
// the database is lost, every 2 s, 4 s … up to 30 s.
let backoffMs = 2000;
while (running) {
  try {
    const handed = await channels.handOver(new Date());
    dbOutage.answered();
    backoffMs = 2000;
    if (handed) logger.debug({ handed }, 'channel messages handed to the delivery queue');
    if (handed < 500) await sleep(500);
  } catch (err) {
    dbOutage.failed(err);
    await sleep(backoffMs);
    backoffMs = Math.min(backoffMs * 2, 30_000);
  }
}
await (mailStopped ?? mailDrain.stop());
dbOutage.stop();
timersOutage.stop();
redisLoss?.stop();
metricsServer?.close();
clearInterval(calendarCheck);
await catchUp.stop();
await clockWorker.close();
await calendarChanges.close();
await channels.close();
await maintenanceWorker.close();
await maintenance.close();
await timers.close();
mailer.close();
await backend.close();
await db.destroy();
