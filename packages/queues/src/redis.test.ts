import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { assertNoEviction, createRedis } from './redis.ts';

/** Only CONFIG GET is asked of Redis; the policy it answers is what is under test. */
const answering = (policy: string) => ({ config: async () => ['maxmemory-policy', policy] }) as unknown as Redis;

describe("Redis's eviction policy", () => {
  it('refuses allkeys-* policies, which could evict timers, naming the fix', async () => {
    await expect(assertNoEviction(answering('allkeys-lru'))).rejects.toThrow(/allkeys-lru.*noeviction/);
    await expect(assertNoEviction(answering('allkeys-random'))).rejects.toThrow(/allkeys-random/);
  });

  it('accepts noeviction and volatile-* (BullMQ keys carry no TTL)', async () => {
    await expect(assertNoEviction(answering('noeviction'))).resolves.toBeUndefined();
    await expect(assertNoEviction(answering('volatile-lru'))).resolves.toBeUndefined();
  });

  it('reads the policy from the reply real Redis gives to CONFIG GET', async () => {
    // The check parses `[name, value]`: hold it to what a real server answers.
    const redis = createRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    try {
      const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
      expect(reply[0]).toBe('maxmemory-policy');
      expect(reply[1]).toMatch(/^(noeviction|allkeys-|volatile-)/);
    } finally {
      redis.disconnect();
    }
  });
});
