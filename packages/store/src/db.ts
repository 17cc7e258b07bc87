import { Kysely, PostgresDialect, type KyselyConfig, type Transaction } from 'kysely';
import pg from 'pg';
import { preparingClient } from './prepared.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// timestamptz → Date (pg's default), bigint ids as strings; jsonb parsed by pg. `log`: Kysely's
// query log (the benchmarks time statements with it).
export function createDb(databaseUrl: string, options: { max?: number; log?: KyselyConfig['log'] } = {}): Db {
  // An idle connection is kept a minute, not pg's 10 s: each new one parses and plans every
  // statement again before preparing it (prepared.ts), and load that ebbs for 10 s is common.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 20, idleTimeoutMillis: 60_000 });
  // A dropped connection is reported on the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  // So is one on a client checked out for a query or transaction: pg emits it on the client, which
  // has no listener then, and the process would die instead of the query failing (and being answered 503).
  pool.on('connect', (client) => {
    client.on('error', () => {});
    preparingClient(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Db, pg.Pool>();

/** The connections of a database's pool, for `/metrics`: open, idle, and requests waiting for one. */
export function poolStats(db: Db): { total: number; idle: number; waiting: number } | null {
  const pool = pools.get(db);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/** Runs `work` on a client of the server's `postgres` database, for creating or dropping `name`. */
async function onServer<T>(databaseUrl: string, work: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  // A server that never answers (a dropped packet, not a refusal) fails in seconds, not at the OS's TCP timeout.
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client, name);
  } finally {
    await client.end();
  }
}

/** Connects once and leaves, within 10 s: whether the server answers (throws its error when not). */
export async function pingDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  await client.end();
}

/** Creates the database named in the URL if it does not exist (the start command's first step). */
export function ensureDatabase(databaseUrl: string): Promise<boolean> {
  return onServer(databaseUrl, async (client, name) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
    return true;
  });
}

/**
 * Creates the database named in `databaseUrl` as a copy of `templateUrl`'s, which no session may
 * be using meanwhile: a migrated database without running the migrations again (the tests' own).
 */
export function copyDatabase(templateUrl: string, databaseUrl: string): Promise<void> {
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  return onServer(databaseUrl, async (client, name) => {
    await client.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`);
  });
}

/** Refuses new sessions on the database (copies from it and dropping it still work). */
export function closeToSessions(databaseUrl: string): Promise<void> {
  return onServer(databaseUrl, async (client, name) => {
    await client.query(`alter database ${pg.escapeIdentifier(name)} with allow_connections false`);
  });
}

export function dropDatabase(databaseUrl: string): Promise<void> {
  return onServer(databaseUrl, async (client, name) => {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  });
}
