import type { Redis } from 'ioredis';

/** Every key under `prefix:` (SCAN, so other users of the server are not blocked). */
async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    keys.push(...page);
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under `prefix:`; returns how many. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  const keys = await keysUnder(redis, prefix);
  for (let i = 0; i < keys.length; i += 1000) await redis.unlink(...keys.slice(i, i + 1000));
  return keys.length;
}

// A queue's own keys; anything else under `prefix:queue:` is a job (its hash, or `<id>:logs`...).
const QUEUE_KEYS = new Set([
  'delayed',
  'events',
  'meta',
  'id',
  'wait',
  'paused',
  'active',
  'marker',
  'completed',
  'failed',
  'prioritized',
  'pc',
  'stalled',
  'stalled-check',
  'limiter',
  'repeat',
  'de',
]);

export type RedisBytes = {
  keys: number;
  /** Sum of MEMORY USAGE (SAMPLES 0, exact) over the keys. */
  bytes: number;
  /**
   * Bytes by kind of key: `job` for job hashes, else the queue key's name (`delayed`, `events`...),
   * with the keys' OBJECT ENCODING (a hash with a value over hash-max-listpack-value bytes is a
   * `hashtable`, several times the size of a `listpack`).
   */
  byKind: Record<string, { keys: number; bytes: number; encodings: Record<string, number> }>;
};

/**
 * What the keys under `prefix:queue:` hold, key by key: robust to other users of the server,
 * unlike INFO's used_memory (which is also read, as a cross-check).
 */
export async function bytesUnder(redis: Redis, prefix: string, queue: string): Promise<RedisBytes> {
  const keys = await keysUnder(redis, `${prefix}:${queue}`);
  const out: RedisBytes = { keys: keys.length, bytes: 0, byKind: {} };
  for (let i = 0; i < keys.length; i += 1000) {
    const page = keys.slice(i, i + 1000);
    const pipe = redis.pipeline();
    for (const k of page) pipe.call('MEMORY', 'USAGE', k, 'SAMPLES', '0').call('OBJECT', 'ENCODING', k);
    const replies = (await pipe.exec()) ?? [];
    page.forEach((k, j) => {
      const bytes = Number(replies[2 * j]?.[1] ?? 0);
      const encoding = String(replies[2 * j + 1]?.[1] ?? '?');
      const rest = k.slice(prefix.length + queue.length + 2);
      const kind = QUEUE_KEYS.has(rest) ? rest : rest.includes(':') ? `job:${rest.slice(rest.lastIndexOf(':') + 1)}` : 'job';
      const slot = (out.byKind[kind] ??= { keys: 0, bytes: 0, encodings: {} });
      slot.keys += 1;
      slot.encodings[encoding] = (slot.encodings[encoding] ?? 0) + 1;
      slot.bytes += bytes;
      out.bytes += bytes;
    });
  }
  return out;
}

/** INFO memory's used_memory: the whole server's, so noisy when others share it. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}
