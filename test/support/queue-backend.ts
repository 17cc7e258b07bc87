import pg from 'pg';
import { createRedis, openQueueBackend, type QueueBackend, type QueueBackendKind } from '@huiyin/queues';

const asked = process.env['TIMERS_BACKEND'] ?? 'redis';
if (asked !== 'redis' && asked !== 'postgres') throw new Error(`TIMERS_BACKEND is ${asked}: redis or postgres`);
/** The backend the timer, worker and drill suites run on: `TIMERS_BACKEND=postgres pnpm test …` (Redis unless set). */
export const TIMERS_BACKEND: QueueBackendKind = asked;
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The variables that put a spawned worker or API on the suite's backend. */
export const backendEnv = (): Record<string, string> => ({ TIMERS_BACKEND, REDIS_URL });

/** The suite's backend under a prefix of its own, its queue tables (on PostgreSQL) in `databaseUrl`. */
export function openTestBackend(prefix: string, databaseUrl: string, poolSize?: number): Promise<QueueBackend> {
  return openQueueBackend({ kind: TIMERS_BACKEND, redisUrl: REDIS_URL, databaseUrl, prefix, ...(poolSize ? { poolSize } : {}), onError: () => {} });
}

/**
 * What a FLUSHALL (or a Redis restart that kept nothing) does to this prefix's queues, on either
 * backend (the suite's, unless `on` names another Redis): every job, scheduler and sentinel
 * gone. Returns how many keys or rows went.
 */
export async function loseQueueData(prefix: string, databaseUrl: string, on: { redisUrl?: string } = {}): Promise<number> {
  if (TIMERS_BACKEND === 'postgres' && !on.redisUrl) {
    return withClient(databaseUrl, async (client) => {
      let n = 0;
      for (const table of ['job', 'scheduler', 'meta']) n += (await client.query(`delete from bullmq.${table} where queue like $1`, [`${prefix}.%`])).rowCount ?? 0;
      return n;
    });
  }
  const redis = createRedis(on.redisUrl ?? REDIS_URL);
  try {
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) n += await redis.del(...keys);
    } while (cursor !== '0');
    return n;
  } finally {
    redis.disconnect();
  }
}

/** Runs `work` with a client of the given database (where the PostgreSQL backend keeps its tables). */
async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The active jobs of `queue` under `prefix`, their locks stretched to `ms` from now: a worker
 * killed holding them keeps them held that long, instead of BullMQ handing them on as stalled
 * after the 10 s lock. Returns their ids.
 */
export async function holdActiveJobs(prefix: string, queue: string, ms: number, databaseUrl: string): Promise<string[]> {
  if (TIMERS_BACKEND === 'postgres') {
    return withClient(databaseUrl, async (c) => {
      const held = await c.query<{ id: string }>(`update bullmq.job set locked_until_ms = $2 where queue = $1 and state = 'active' returning id`, [`${prefix}.${queue}`, Date.now() + ms]);
      return held.rows.map((r) => r.id);
    });
  }
  const redis = createRedis(REDIS_URL);
  try {
    const ids = await redis.lrange(`${prefix}:${queue}:active`, 0, -1);
    const set = await Promise.all(ids.map((id) => redis.pexpire(`${prefix}:${queue}:${id}:lock`, ms)));
    return ids.filter((_, i) => set[i] === 1);
  } finally {
    redis.disconnect();
  }
}

/** For each id, whether its job is still active under a lock (no other worker took it). */
export async function stillHeld(prefix: string, queue: string, ids: readonly string[], databaseUrl: string): Promise<boolean[]> {
  if (TIMERS_BACKEND === 'postgres') {
    return withClient(databaseUrl, async (c) => {
      const rows = await c.query<{ id: string }>(`select id from bullmq.job where queue = $1 and id = any($2::text[]) and state = 'active' and locked_until_ms > $3`, [
        `${prefix}.${queue}`,
        ids,
        Date.now(),
      ]);
      const held = new Set(rows.rows.map((r) => r.id));
      return ids.map((id) => held.has(id));
    });
  }
  const redis = createRedis(REDIS_URL);
  try {
    return await Promise.all(ids.map(async (id) => (await redis.exists(`${prefix}:${queue}:${id}:lock`)) === 1));
  } finally {
    redis.disconnect();
  }
}
