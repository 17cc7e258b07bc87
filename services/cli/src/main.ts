import { parseArgs } from 'node:util';
import { loadConfig } from '@huiyin/config';
import { createDb, ensureDatabase, migrateToLatest } from '@huiyin/store';
import { createCalendarFromDb } from '@huiyin/engine';
import { CALENDAR_USAGE, calendarCommand } from './calendar-command.ts';
import { openEngine } from './open-engine.ts';
import { demoLoginsTable } from './demo-logins.ts';
import { LEDGER_USAGE, ledgerCommand } from './ledger-command.ts';
import { seedDemo } from './seed/seed-demo.ts';

const USAGE = `huiyin <command>
  migrate                       create the database if missing and apply every migration
  seed [--if-empty] [--issues N] load the demo district (霁川区)
  demo-logins                   print the demo sign-ins
${CALENDAR_USAGE}
${LEDGER_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'demo-logins') {
    console.log(demoLoginsTable());
    return 0;
  }
  const config = loadConfig();
  if (command === 'migrate') {
    const created = await ensureDatabase(config.databaseUrl);
    if (created) console.log(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
    const db = createDb(config.databaseUrl, { max: 2 });
    try {
      const { error, results } = await migrateToLatest(db);
      for (const r of results ?? []) console.log(`migration ${r.migrationName}: ${r.status}`);
      if (error) {
        console.error('migration failed:', error);
        return 1;
      }
      console.log('database is up to date');
      return 0;
    } finally {
      await db.destroy();
    }
  }
  if (command === 'seed') {
    const { values } = parseArgs({ args: rest, options: { 'if-empty': { type: 'boolean', default: false }, issues: { type: 'string' } } });
    const db = createDb(config.databaseUrl, { max: 4 });
    try {
      const started = Date.now();
      const issueCount = values.issues === undefined ? undefined : Number(values.issues);
      const result = await seedDemo(
        { db, calendar: await createCalendarFromDb(db, { workingPeriods: config.workingPeriods }), clock: () => new Date() },
        { ifEmpty: values['if-empty'], ...(issueCount === undefined ? {} : { issueCount }) },
      );
      console.log(
        result.seeded
          ? `demo district loaded: ${result.enterprises} enterprises, ${result.issues} issues in ${((Date.now() - started) / 1000).toFixed(1)} s`
          : `database already holds ${result.enterprises} enterprises: demo not loaded`,
      );
      return 0;
    } finally {
      await db.destroy();
    }
  }
  if (command === 'ledger') {
    const db = createDb(config.databaseUrl, { max: 2 });
    try {
      return await ledgerCommand(rest, db);
    } finally {
      await db.destroy();
    }
  }
  if (command === 'calendar') {
    const db = createDb(config.databaseUrl, { max: 2 });
    try {
      return await calendarCommand(rest, db, openEngine(db, config));
    } finally {
      await db.destroy();
    }
  }
  console.error(USAGE);
  return command ? 2 : 0;
}

process.exitCode = await main(process.argv.slice(2));
