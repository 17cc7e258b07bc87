import path from 'node:path';
import { parseArgs } from 'node:util';
import { ledgerSigningKey, loadConfig, unreachableLine } from '@huiyin/config';
import { createDb, ensureDatabase, migrateToLatest } from '@huiyin/store';
import { openQueueBackend } from '@huiyin/queues';
import { createCalendarFromDb } from '@huiyin/engine';
import { CALENDAR_USAGE, calendarCommand } from './calendar-command.ts';
import { openEngine } from './open-engine.ts';
import { demoLoginsTable } from './demo-logins.ts';
import { LEDGER_USAGE, ledgerCommand } from './ledger-command.ts';
import { IMPORT_USAGE, importCommand } from './import-command.ts';
import { seedDemo } from './seed/seed-demo.ts';

const USAGE = `huiyin <command>
  migrate                       create the database if missing and apply every migration
  seed [--if-empty] [--issues N] load the demo district (霁川区)
  demo-logins                   print the demo sign-ins
  embedded-postgres             run the embedded PostgreSQL (data in .data/postgres) until stopped
${CALENDAR_USAGE}
${LEDGER_USAGE}
${IMPORT_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'demo-logins') {
    console.log(demoLoginsTable());
    return 0;
  }
  if (command === 'embedded-postgres') {
    // The repository's root, from src/ and from the compiled dist/ alike (both one level below services/cli).
    const root = path.resolve(import.meta.dirname, '..', '..', '..');
    const options = {
      dataDir: path.resolve(process.env['EMBEDDED_PG_DIR'] ?? path.join(root, '.data', 'postgres')),
      port: Number(process.env['EMBEDDED_PG_PORT'] ?? 54329),
      database: 'huiyin',
    };
    // Imported only here: the package hooks the process's exit (to stop its server), which would
    // otherwise take over every other command's exit code.
    const { runEmbeddedPostgres } = await import('./embedded-postgres.ts');
    return runEmbeddedPostgres(options, (line) => console.log(line));
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
      if (config.timersBackend === 'postgres') {
        // BullMQ's own tables (schema bullmq): opening the backend brings them up to date.
        await (await openQueueBackend({ kind: 'postgres', redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, prefix: config.redisPrefix, poolSize: 1 })).close();
        console.log("timers' tables (BullMQ on PostgreSQL) are up to date");
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
        { ifEmpty: values['if-empty'], ...(issueCount === undefined ? {} : { issueCount }), ledgerSigner: ledgerSigningKey(config, (line) => console.error(line)) },
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
      return await ledgerCommand(rest, db, () => ledgerSigningKey(config, (line) => console.error(line)));
    } finally {
      await db.destroy();
    }
  }
  if (command === 'import') {
    const db = createDb(config.databaseUrl, { max: 2 });
    try {
      return await importCommand(rest, db);
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

/** A database that does not answer is one clear line and exit code 1, never a stack trace. */
async function run(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (err) {
    const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/huiyin';
    const line = unreachableLine(err, {
      what: 'PostgreSQL',
      variable: process.env['DATABASE_URL'] ? 'DATABASE_URL' : 'DATABASE_URL unset: the default',
      url,
      hint: 'Start PostgreSQL there or set DATABASE_URL to a server that runs; with DATABASE_URL unset and nothing on 127.0.0.1:5432, `pnpm start` runs an embedded PostgreSQL.',
    });
    if (!line) throw err;
    console.error(line);
    return 1;
  }
}

process.exitCode = await run(process.argv.slice(2));
