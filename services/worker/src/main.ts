import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { loadConfig } from '@huiyin/config';
import { createDb } from '@huiyin/store';
import { createMailer, relayOutbox } from '@huiyin/notify';

const config = loadConfig();
const logger = pino({ level: config.logLevel, name: 'worker' });
const db = createDb(config.databaseUrl, { max: 4 });
const mailer = createMailer(config.smtpUrl, config.mailFrom);
let running = true;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    running = false;
  });
}

logger.info({ smtp: config.smtpUrl.replace(/\/\/[^@]*@/, '//***@') }, 'outbox relay started');
// Polls once a second when idle and at once while a batch comes back full. The timers of the
// time-limits issue will join this process as BullMQ workers.
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
mailer.close();
await db.destroy();
