import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '@huiyin/config';
import { createCalendarFromDb, createDb, type StoreDeps } from '@huiyin/store';
import { createMailer, relayOutbox } from '@huiyin/notify';
import { assertNoEviction, createClockTimers, createClockWorker, createRedis, reconcileTimers, runClockStep } from '@huiyin/timers';

const config = loadConfig();
const logger = pino({ level: config.logLevel, name: 'worker' });
const db = createDb(config.databaseUrl, { max: 10 });
const calendar = await createCalendarFromDb(db);
const deps: StoreDeps = { db, calendar, now: () => new Date() };
const redis = createRedis(config.redisUrl);
try {
  await assertNoEviction(redis);
} catch (err) {
  logger.fatal({ err }, 'refusing to start');
  process.exit(1);
}

const timers = createClockTimers(redis, config.redisPrefix);
const clockWorker = createClockWorker(redis, config.redisPrefix, async (job) => {
  const outcome = await runClockStep(deps, timers, job);
  logger.info({ clockId: job.clockId, step: job.step, outcome, lateMs: Date.now() - Date.parse(job.at) }, 'clock step');
});
clockWorker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err }, 'clock step failed; BullMQ retries it'));

// The reconciler runs at start-up and every five minutes on a BullMQ job scheduler.
const maintenance = new Queue('maintenance', { connection: redis, prefix: config.redisPrefix });
await maintenance.upsertJobScheduler('reconcile-timers', { every: 5 * 60_000 }, { name: 'reconcile-timers' });
const maintenanceWorker = new Worker(
  'maintenance',
  async () => {
    await calendar.refresh();
    const count = await reconcileTimers(db, timers);
    logger.info({ count }, 'timers reconciled');
  },
  { connection: redis, prefix: config.redisPrefix },
);
logger.info({ count: await reconcileTimers(db, timers) }, 'timers reconciled at start-up');

const mailer = createMailer(config.smtpUrl, config.mailFrom);
let running = true;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    running = false;
  });
}

logger.info({ smtp: config.smtpUrl.replace(/\/\/[^@]*@/, '//***@') }, 'outbox relay started');
// Polls once a second when idle and at once while a batch comes back full.
while (running) {
  try {
    const { sent, failed } = await relayOutbox(db, mailer, new Date());
    if (sent || failed) logger.info({ sent, failed }, 'outbox batch');
    if (sent + failed < 20) await sleep(1000);
  } catch (err) {
    logger.error({ err }, 'outbox relay failed; retrying');
    await sleep(2000);
  }
}
await clockWorker.close();
await maintenanceWorker.close();
await maintenance.close();
await timers.close();
mailer.close();
redis.disconnect();
await db.destroy();
