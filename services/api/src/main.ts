import { loadConfig } from '@huiyin/config';
import { createWorkingCalendar } from '@huiyin/calendar';
import { createDb } from '@huiyin/store';
import { buildApp } from './app.ts';

const config = loadConfig();
const db = createDb(config.databaseUrl);
const app = await buildApp({ config, db, calendar: createWorkingCalendar(), now: () => new Date() });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.destroy();
    process.exit(0);
  });
}

await app.listen({ host: config.host, port: config.port });
