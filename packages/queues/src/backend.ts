import { Queue, Worker, createPostgresBackend, withBackend, type IQueueBackend, type PgPool, type Processor, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createQueuePool, migrateQueueTables } from './postgres.ts';
import { createRedis } from './redis.ts';

/** Where BullMQ keeps jobs: a Redis server, or its own tables in the engine's PostgreSQL. */
export type QueueBackendKind = 'redis' | 'postgres';

// The queue and worker types both backends give (their result and connection types differ, and no
// caller reads them); the Redis-only parts are reached through `redis`.
export type JobQueue<D> = Queue<D, any, string, D, any, string, IQueueBackend, any>;
export type JobWorker<D> = Worker<D, any, string, IQueueBackend, any, any>;
type WorkerSettings = Omit<WorkerOptions, 'connection' | 'prefix'>;

export type QueueBackend = {
  readonly kind: QueueBackendKind;
  /** Names this run's queues apart from other runs' (REDIS_PREFIX). */
  readonly prefix: string;
  /** The run's queue `name`: under the key prefix on Redis; named `<prefix>.<name>` in the shared tables on PostgreSQL. */
  queue<D>(name: string): JobQueue<D>;
  worker<D>(name: string, processor: Processor<D>, settings: WorkerSettings): JobWorker<D>;
  /** Throws when the backend does not answer (for `/ready`). */
  ping(): Promise<void>;
  /** The Redis connection on Redis, for what only Redis needs (its eviction policy, noticing it lost its keys); null on PostgreSQL. */
  readonly redis: Redis | null;
  /** Lets the connections go, after every queue and worker made from it is closed. */
  close(): Promise<void>;
};

export type QueueBackendOptions = {
  kind: QueueBackendKind;
  redisUrl: string;
  databaseUrl: string;
  prefix: string;
  /** Connections the PostgreSQL backend may open: one per worker for LISTEN (the worker process has three), the rest for queries. @defaultValue 10 */
  poolSize?: number;
  /** A lost connection is reported here (by queues and workers alike), not thrown: timers are rebuilt from the engine's tables. */
  onError?: (err: Error) => void;
};

/** Opens the backend the configuration names; on PostgreSQL, BullMQ's tables are migrated first. */
export async function openQueueBackend(options: QueueBackendOptions): Promise<QueueBackend> {
  const onError = options.onError ?? (() => {});
  const { prefix } = options;
  if (options.kind === 'redis') {
    const redis = createRedis(options.redisUrl);
    redis.on('error', onError);
    return {
      kind: 'redis',
      prefix,
      redis,
      queue: <D>(name: string) => {
        const queue = new Queue<D>(name, { connection: redis, prefix });
        queue.on('error', onError);
        return queue as JobQueue<D>;
      },
      worker: <D>(name: string, processor: Processor<D>, settings: WorkerSettings) => {
        const worker = new Worker<D>(name, processor, { ...settings, connection: redis, prefix });
        worker.on('error', onError);
        return worker as JobWorker<D>;
      },
      ping: async () => void (await redis.ping()),
      close: async () => redis.disconnect(),
    };
  }
  const pool = createQueuePool(options.databaseUrl, options.poolSize ?? 10, onError);
  try {
    await migrateQueueTables(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  // node-postgres's own Pool, which BullMQ declares by the methods it uses.
  const connection = pool as unknown as PgPool;
  const bound = withBackend(createPostgresBackend);
  const named = (name: string) => `${prefix}.${name}`;
  return {
    kind: 'postgres',
    prefix,
    redis: null,
    queue: <D>(name: string) => {
      const queue = new bound.Queue<D>(named(name), { connection });
      queue.on('error', onError);
      return queue as unknown as JobQueue<D>;
    },
    worker: <D>(name: string, processor: Processor<D>, settings: WorkerSettings) => {
      const worker = new bound.Worker<D>(named(name), processor as never, { ...settings, connection });
      worker.on('error', onError);
      return worker as unknown as JobWorker<D>;
    },
    ping: async () => void (await pool.query('select 1')),
    close: () => pool.end(),
  };
}
