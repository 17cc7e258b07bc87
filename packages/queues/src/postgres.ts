import pg from 'pg';
import { runMigrations } from 'bullmq';

/** The schema BullMQ's PostgreSQL backend keeps its tables in (its default, which a shared pool must use). */
const QUEUE_SCHEMA = 'bullmq';

/**
 * A pool for BullMQ's PostgreSQL backend. Its queues and workers share it: each worker holds one
 * connection for LISTEN, the rest serve queries. BullMQ's ESM build cannot load `pg` itself from
 * a connection string, so it gets this pool, pinned to its schema.
 */
export function createQueuePool(databaseUrl: string, max: number, onError: (err: Error) => void): pg.Pool {
  // Connecting gives up after 10 s, as the store's clients do: a probe through a partition must end.
  const pool = new pg.Pool({ connectionString: databaseUrl, max, keepAlive: true, connectionTimeoutMillis: 10_000, options: `-c search_path=${QUEUE_SCHEMA}` });
  pool.on('error', onError);
  return pool;
}

/** Brings BullMQ's tables up to this version (under its advisory lock, so processes may race). */
export async function migrateQueueTables(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    client.release();
  }
}
