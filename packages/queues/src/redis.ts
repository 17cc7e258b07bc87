import { Redis } from 'ioredis';

/**
 * One ioredis connection for BullMQ. Workers need `maxRetriesPerRequest: null` (BullMQ blocks on
 * Redis); the same setting serves queues so that a Redis restart is waited out, not thrown.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * BullMQ loses timers when Redis evicts keys. Refuse to start on an `allkeys-*` policy, which
 * would evict them under memory pressure; `noeviction` (or a `volatile-*` policy: BullMQ keys
 * carry no TTL) keeps them.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1] ?? '';
  if (policy.startsWith('allkeys-')) {
    throw new Error(`Redis maxmemory-policy is ${policy}: it may evict timers. Set it to noeviction (CONFIG SET maxmemory-policy noeviction).`);
  }
}

/** Asks Redis for a PING once, within 10 s, without the retries the engine's own clients make (throws when it does not answer). */
export async function pingRedis(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 10_000, enableOfflineQueue: false });
  // ioredis rejects with "Connection is closed."; the socket's own error says why.
  let cause: unknown;
  probe.on('error', (err) => {
    cause ??= err;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw cause ?? err;
  } finally {
    probe.disconnect();
  }
}
