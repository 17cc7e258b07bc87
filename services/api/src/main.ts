import { loadConfig } from '@huiyin/config';
import { createCalendarFromDb, createDb } from '@huiyin/store';
import { createClockTimers, createRedis } from '@huiyin/timers';
import { buildApp } from './app.ts';

const config = loadConfig();
const db = createDb(config.databaseUrl);
// Holidays and make-up workdays operators declared (calendar_days) join the package's data.
const calendar = await createCalendarFromDb(db, { workingPeriods: config.workingPeriods });
const redis = createRedis(config.redisUrl);
const timers = createClockTimers(redis, config.redisPrefix);
const app = await buildApp({ config, db, calendar, refreshCalendar: () => calendar.refresh(), timers, now: () => new Date() });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await timers.close();
    redis.disconnect();
    await db.destroy();
    process.exit(0);
  });
}

await app.listen({ host: config.host, port: config.port });
